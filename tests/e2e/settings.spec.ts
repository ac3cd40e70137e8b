// Language and large text are switched in Settings and kept across reloads.
import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app-shell";
import { CommunityDevice } from "./pages/community-page";
import { SettingsPage } from "./pages/settings-page";
import { demoMemberCode } from "./support/demo";

test("Chinese is the default language", async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open("home");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByTestId("nav-canteen")).toHaveText(/食堂/);
});

test("English and large text are kept after a reload", async ({ page }) => {
  const shell = new AppShell(page);
  const settings = new SettingsPage(page);
  await shell.open("settings");

  await settings.chooseEnglish();
  await settings.expectLanguage("en");
  await expect(page.getByTestId("nav-canteen")).toHaveText(/Canteen/);
  await settings.turnOnLargeText();
  await settings.expectLargeText(true);

  await page.reload();
  await shell.expectOn("settings");
  await settings.expectLanguage("en");
  await settings.expectLargeText(true);
  await expect(page.getByTestId("nav-rules")).toHaveText(/Village rules/);

  // Large text really is larger.
  const fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(24);

  await settings.chooseChinese();
  await settings.expectLanguage("zh-CN");
  await expect(page.getByTestId("nav-rules")).toHaveText(/村规民约/);
});

test("unreadable stored settings fall back to the defaults with a notice", async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open("home");
  await page.evaluate(() => localStorage.setItem("linli.settings.v1", "{broken"));
  await page.reload();
  await shell.navigateTo("settings");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByTestId("settings-storage-note")).toHaveText(/无法读取/);
});

test("when the browser will not keep the app's data, Settings says so and what to do", async ({ page }) => {
  // A browser that refuses, as one may for a site not installed.
  await page.addInitScript(() => {
    Object.defineProperty(navigator.storage, "persist", { value: () => Promise.resolve(false) });
  });
  const member = new CommunityDevice(page);
  await member.join(demoMemberCode("daqinglu-r01"));
  await new AppShell(page).open("settings");
  await expect(page.getByTestId("storage-not-kept")).toContainText("添加到主屏幕");
});
