// A new version waits until the member asks for it through the banner.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AppShell } from "./pages/app-shell";
import { OwnServer } from "./support/server";

test("a new build shows the update banner, whose button switches to it", async ({ page }) => {
  const server = await OwnServer.start(8098, { ownDist: true });
  try {
    const shell = new AppShell(page);
    await page.goto(`${server.url}/`);
    await shell.waitUntilOfflineReady();
    await expect(page.getByTestId("update-banner")).toHaveCount(0);
    const firstBuild = await controllingBuild(page);

    // Publish a "new build": a changed service worker, as every real build that
    // changes a file produces. The precompressed twins would otherwise win.
    const sw = join(server.distDir, "sw.js");
    writeFileSync(sw, readFileSync(sw, "utf8").replace(/const BUILD = "([^"]+)"/, 'const BUILD = "$1-next"'));
    rmSync(`${sw}.br`);
    rmSync(`${sw}.gz`);
    // A real build comes seconds later; within the same second Last-Modified
    // would not change and the browser's conditional check would get a 304.
    const later = new Date(Date.now() + 60_000);
    utimesSync(sw, later, later);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const banner = page.getByTestId("update-banner");
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("有新版本");
    // The old version keeps control until the member chooses.
    expect(await controllingBuild(page)).toBe(firstBuild);

    await Promise.all([page.waitForEvent("load"), banner.getByRole("button").click()]);
    await shell.waitUntilOfflineReady();
    expect(await controllingBuild(page)).toBe(`${firstBuild}-next`);
    await expect(page.getByTestId("update-banner")).toHaveCount(0);
  } finally {
    await server.stop();
  }
});

/** The build of the worker that controls the page, as the worker itself reports it. */
async function controllingBuild(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return reject(new Error("no controlling service worker"));
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data);
        controller.postMessage("build", [channel.port2]);
      }),
  );
}
