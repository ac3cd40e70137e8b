// Chrome reports the app installable. Incognito contexts never are, so this
// runs in a persistent browser profile.
import { chromium, expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baseURL, chromiumArgs, executablePath } from "./playwright.config";
import { AppShell } from "./pages/app-shell";

test("Chrome reports no installability errors", async () => {
  const profile = mkdtempSync(join(tmpdir(), "linli-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: chromiumArgs,
    headless: true,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const shell = new AppShell(page);
    await shell.open("home");
    await shell.waitUntilOfflineReady();

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);

    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toBe(`${baseURL}/manifest.webmanifest`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
