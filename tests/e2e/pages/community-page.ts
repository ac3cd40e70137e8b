// Page object for a member's device: joining, the notice board and syncing.
import { expect, type Locator, type Page } from "@playwright/test";

export class CommunityDevice {
  readonly board: Locator;

  constructor(readonly page: Page) {
    this.board = page.getByTestId("notice-board");
  }

  /** Joins on a first visit; unless told the service worker is blocked, waits for it too. */
  async join(code: string, { serviceWorker = true } = {}) {
    await this.page.goto("/");
    await this.page.getByTestId("join").getByRole("textbox").fill(code);
    await this.page.getByTestId("join").getByRole("button").click();
    await expect(this.board).toBeVisible();
    await this.waitUntilSynced();
    // The end of a first visit: the service worker has precached the app
    // and controls the page, so it works offline from here on.
    if (serviceWorker) await this.page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  }

  notice(title: string): Locator {
    return this.board.getByTestId("notice").filter({ has: this.page.locator(".notice-title", { hasText: title }) });
  }

  async postNotice(title: string, body = "") {
    const form = this.page.getByTestId("post-notice");
    await form.getByRole("textbox").first().fill(title);
    if (body) await form.getByRole("textbox").nth(1).fill(body);
    await form.getByRole("button").click();
    await expect(this.notice(title)).toBeVisible();
  }

  async acknowledge(title: string) {
    await this.notice(title).getByTestId("ack").click();
    await expect(this.notice(title).getByTestId("ack")).toHaveCount(0);
  }

  async editNotice(title: string, newTitle: string) {
    await this.notice(title).getByTestId("edit-notice").click();
    const form = this.board.locator("form.edit-notice");
    await form.getByRole("textbox").first().fill(newTitle);
    await form.getByRole("button").first().click();
  }

  async deleteNotice(title: string) {
    this.page.once("dialog", (dialog) => dialog.accept());
    await this.notice(title).getByTestId("delete-notice").click();
    await expect(this.notice(title)).toHaveCount(0);
  }

  async expectPending(count: number) {
    if (count === 0) await expect(this.page.getByTestId("pending-count")).toHaveCount(0);
    else await expect(this.page.getByTestId("pending-count")).toHaveAttribute("data-count", String(count));
  }

  /** Asks for a sync and waits until nothing is pending and the sync has finished. */
  async syncNow() {
    await this.page.getByTestId("sync-now").click();
    await this.waitUntilSynced();
  }

  async waitUntilSynced() {
    await this.expectPending(0);
    await expect(this.page.getByTestId("sync-now")).toBeEnabled();
    await expect(this.page.getByTestId("sync-problem")).toHaveCount(0);
  }

  /** The board as text: each notice's title and acknowledgement count, in order. */
  async boardSummary(): Promise<string[]> {
    const notices = this.board.getByTestId("notice");
    const count = await notices.count();
    const summary: string[] = [];
    for (let i = 0; i < count; i++) {
      const notice = notices.nth(i);
      summary.push(`${await notice.locator(".notice-title").innerText()} | ${await notice.getByTestId("ack-count").innerText()}`);
    }
    return summary;
  }
}
