// Page objects for the members screens: a member's own devices (on the
// settings screen), managing members (/members) and the audit log.
import { expect, type Locator, type Page } from "@playwright/test";

/** The signed-in member's devices, under Settings. */
export class DevicesCard {
  readonly card: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId("devices");
  }

  async open() {
    await this.page.getByTestId("nav-settings").click();
    await expect(this.card).toBeVisible();
  }

  /** The signed-in devices other than this one. */
  others(): Locator {
    return this.card.locator('[data-testid="device"][data-this="false"]').filter({ has: this.page.getByTestId("device-sign-out") });
  }

  thisDevice(): Locator {
    return this.card.locator('[data-testid="device"][data-this="true"]');
  }

  async signOutTheOther() {
    await expect(this.others()).toHaveCount(1);
    this.page.once("dialog", (dialog) => dialog.accept());
    await this.others().getByTestId("device-sign-out").click();
    await expect(this.others()).toHaveCount(0);
  }
}

/** /members, as an officer or admin sees it. */
export class MembersScreen {
  readonly screen: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId("members-page");
  }

  async open() {
    await this.page.getByTestId("nav-settings").click();
    await this.page.getByTestId("members-link").click();
    await expect(this.screen).toBeVisible();
    // Codes for registering and inviting come from the device's pad, filled
    // at the first sync.
    await expect(this.page.getByTestId("codes-left")).not.toHaveAttribute("data-count", "0");
  }

  member(name: string): Locator {
    return this.screen.getByTestId("member").filter({ has: this.page.getByRole("heading", { name, exact: true }) });
  }

  /** Gives `name` a new invite code and returns it as shown. */
  async giveInviteCode(name: string): Promise<string> {
    const card = this.member(name);
    const code = card.getByTestId("invite-code");
    const before = (await code.count()) ? await code.innerText() : null;
    await card.getByTestId("new-invite").click();
    await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    if (before) await expect(code).not.toHaveText(before);
    return code.innerText();
  }

  /** Ticks exactly `roles` (wire names, e.g. `grid_worker`) and saves. */
  async setRoles(name: string, roles: string[]) {
    const card = this.member(name);
    const boxes = card.getByRole("checkbox");
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      const wanted = roles.includes((await box.getAttribute("value")) ?? "");
      if ((await box.isChecked()) !== wanted) await box.setChecked(wanted);
    }
    await card.getByTestId("save-roles").click();
  }

  async recordLeft(name: string) {
    this.page.once("dialog", (dialog) => dialog.accept());
    await this.member(name).getByTestId("deactivate-member").click();
    await expect(this.member(name)).toHaveCount(0);
    await expect(this.screen.getByTestId("departed-member").filter({ hasText: name })).toHaveCount(1);
  }
}

/** /members/audit. */
export class AuditScreen {
  readonly screen: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId("audit-page");
  }

  async open() {
    await this.page.getByTestId("audit-link").click();
    await expect(this.screen).toBeVisible();
  }

  entries(name?: string): Locator {
    const entries = this.screen.getByTestId("audit-entry");
    return name ? entries.and(this.page.locator(`[data-name="${name}"]`)) : entries;
  }

  async filterByModule(module: string) {
    await this.screen.getByTestId("audit-module").selectOption(module);
  }

  async filterByMember(name: string) {
    await this.screen.getByTestId("audit-member").selectOption({ label: name });
  }
}
