// Moving between pages (src/shell/router.rs): links to the app's own
// addresses change the page without a reload, the back and forward buttons
// follow, the bottom navigation marks where the reader is, and an address
// the app does not know says so.
import { expect, test, type Page } from "@playwright/test";
import { AppShell } from "./pages/app-shell";

/** Marks the document, so that a reload (which would lose the mark) shows. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

test("links change the page without a reload, and back and forward follow", async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open("home");
  await markDocument(page);

  await page.getByRole("link", { name: /村规民约/ }).first().click();
  await shell.expectOn("rules");
  await expect(page).toHaveURL(/\/rules$/);
  await expect(page.getByTestId("nav-home")).not.toHaveAttribute("aria-current");

  await shell.navigateTo("canteen");
  await page.goBack();
  await shell.expectOn("rules");
  await page.goBack();
  await shell.expectOn("home");
  await page.goForward();
  await shell.expectOn("rules");
  expect(await sameDocument(page)).toBe(true);
});

test("a page under a module marks the module in the bottom navigation", async ({ page }) => {
  await page.goto("/volunteers/certificate");
  await expect(page.getByTestId("nav-volunteers")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("nav-home")).not.toHaveAttribute("aria-current");
});

test("an address with a trailing slash is the page without it", async ({ page }) => {
  await new AppShell(page).open("home");
  await page.goto("/rules/");
  await expect(page.getByTestId("page-rules")).toBeVisible();
});

test("an unknown address says so and leads home", async ({ page }) => {
  const shell = new AppShell(page);
  await page.goto("/no-such-page");
  const notFound = page.getByTestId("page-not-found");
  await expect(notFound.getByRole("heading", { level: 1 })).toBeVisible();
  await markDocument(page);
  await notFound.getByRole("link").click();
  await shell.expectOn("home");
  expect(await sameDocument(page)).toBe(true);
});

test("the skip link is left to the browser and stays on the page", async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open("rules");
  await markDocument(page);
  await page.keyboard.press("Tab");
  await expect(page.locator(".skip-link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/rules#main$/);
  await shell.expectOn("rules");
  expect(await sameDocument(page)).toBe(true);
});
