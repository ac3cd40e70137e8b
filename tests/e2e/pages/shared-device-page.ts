// Page object for a device several members share: the chooser, PINs,
// switching member and locking.
import { expect, type Locator, type Page } from "@playwright/test";

export class SharedDevice {
  readonly chooser: Locator;

  constructor(readonly page: Page) {
    this.chooser = page.getByTestId("chooser");
  }

  /** The chooser's button for the member `memberId`. */
  member(memberId: string): Locator {
    return this.chooser.locator(`[data-testid="choose-member"][data-member="${memberId}"]`);
  }

  /** Adds a member from the chooser with their invite code; they become the active one. */
  async addMember(code: string) {
    await this.chooser.getByTestId("chooser-add").click();
    const join = this.chooser.getByTestId("join");
    await join.getByRole("textbox").fill(code);
    await join.getByRole("button").click();
    await expect(this.page.getByTestId("notice-board")).toBeVisible();
  }

  /** From the settings screen: back to the chooser. */
  async switchMember() {
    await this.page.goto("/settings");
    await this.page.getByTestId("switch-member").click();
    await expect(this.chooser).toBeVisible();
  }

  async setPin(pin: string) {
    await this.page.goto("/settings");
    await this.page.getByTestId("pin-new").fill(pin);
    await this.page.getByTestId("pin-save").click();
    await expect(this.page.getByTestId("pin-message")).toHaveClass(/\bok\b/);
  }

  /** Taps `memberId` in the chooser and types `pin` when one is asked for; a wrong PIN leaves the chooser up. */
  async tryOpen(memberId: string, pin?: string) {
    await this.member(memberId).click();
    if (pin !== undefined) await this.typePin(pin);
  }

  async typePin(pin: string) {
    await this.page.getByTestId("pin-input").fill(pin);
    await this.page.getByTestId("pin-form").getByRole("button").first().click();
  }

  /** Opens `memberId` from the chooser (with their PIN, if they set one); waits until their screens show. */
  async open(memberId: string, pin?: string) {
    await this.tryOpen(memberId, pin);
    await this.expectUnlocked();
  }

  async expectUnlocked() {
    await expect(this.chooser).toHaveCount(0);
    await expect(this.page.getByTestId("join")).toHaveCount(0);
  }

  /** The account's name field on the settings screen: who is active. */
  async expectActive(name: string) {
    await this.page.goto("/settings");
    await expect(this.page.getByTestId("account-name")).toHaveValue(name);
  }

  async rename(name: string) {
    await this.page.goto("/settings");
    await this.page.getByTestId("account-name").fill(name);
    await this.page.getByTestId("account").getByRole("button", { name: /保存|Save/ }).first().click();
  }
}
