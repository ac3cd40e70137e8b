// Page object for the settings screen.
import { expect, type Page } from "@playwright/test";

export class SettingsPage {
  constructor(readonly page: Page) {}

  async chooseEnglish() {
    await this.page.getByTestId("lang-en").click();
  }

  async chooseChinese() {
    await this.page.getByTestId("lang-zh-CN").click();
  }

  async turnOnLargeText() {
    const toggle = this.page.getByTestId("large-text").getByRole("switch");
    await toggle.check();
    await expect(toggle).toBeChecked();
  }

  async expectLanguage(tag: "en" | "zh-CN") {
    await expect(this.page.locator("html")).toHaveAttribute("lang", tag);
    await expect(this.page.getByTestId(`lang-${tag}`).getByRole("radio")).toBeChecked();
  }

  async expectLargeText(on: boolean) {
    const html = this.page.locator("html");
    if (on) await expect(html).toHaveClass(/\blarge-text\b/);
    else await expect(html).not.toHaveClass(/\blarge-text\b/);
    const toggle = this.page.getByTestId("large-text").getByRole("switch");
    if (on) await expect(toggle).toBeChecked();
    else await expect(toggle).not.toBeChecked();
  }
}
