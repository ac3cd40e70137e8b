// After one visit the app starts and every route renders with the network cut.
import { expect, test } from "@playwright/test";
import { AppShell, ROUTES, type Route } from "./pages/app-shell";
import { OwnServer } from "./support/server";

test("after one visit every route renders offline, across a reload", async ({ page, context }) => {
  const server = await OwnServer.start(8097);
  try {
    const shell = new AppShell(page);
    await page.goto(`${server.url}/`);
    await shell.expectOn("home");
    await shell.waitUntilOfflineReady();
    await shell.expectOnline();

    // Cut the network both ways: the browser's emulation, and the server itself.
    await context.setOffline(true);
    await server.stop();
    await shell.expectOffline();

    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await shell.expectOn("home");
    await shell.expectOffline();

    // In-app navigation with the bottom bar...
    for (const route of ["canteen", "rules", "volunteers", "settings", "home"] as const) {
      await shell.navigateTo(route);
    }
    // ...and a cold load of each address, which only the service worker can answer.
    for (const route of Object.keys(ROUTES) as Route[]) {
      await page.goto(`${server.url}${ROUTES[route]}`);
      await shell.expectOn(route);
    }
    await page.goto(`${server.url}/canteen`);
    await expect(page.getByTestId("page-canteen")).toContainText("60周岁以上老人堂食六折");
  } finally {
    await server.stop();
  }
});

test("the API is never answered from the cache", async ({ page, context }) => {
  const shell = new AppShell(page);
  await shell.open("home");
  await shell.waitUntilOfflineReady();
  // Ask through the page, so the service worker sees the request.
  expect(await page.evaluate(async () => (await fetch("/api/v1/health")).ok)).toBe(true);
  expect(await page.evaluate(async () => (await caches.match("/api/v1/health")) === undefined)).toBe(true);

  await context.setOffline(true);
  const failed = await page.evaluate(async () => {
    try {
      await fetch("/api/v1/health");
      return false;
    } catch {
      return true;
    }
  });
  expect(failed).toBe(true);
});
