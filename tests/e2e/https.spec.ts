// The app as a village office serves it: the one-file server over HTTPS at
// a name that is not localhost, with its own local authority. Only over
// HTTPS (or at localhost) does a phone give the app a service worker: this
// is what makes it installable and offline on a real phone.
import AxeBuilder from "@axe-core/playwright";
import { chromium, expect, test } from "@playwright/test";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppShell } from "./pages/app-shell";
import { CommunityDevice } from "./pages/community-page";
import { chromiumArgs, executablePath } from "./playwright.config";
import { demoInviteCode } from "./support/demo";
import { OfficeServer } from "./support/office-server";

test("over HTTPS at linli.test, with HTTP/2, the service worker takes control, the app is installable and reloads offline", async () => {
  const server = await OfficeServer.start();
  const profile = mkdtempSync(join(tmpdir(), "linli-https-profile-"));
  // A persistent profile: Chrome never calls an incognito window's app installable.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: [...chromiumArgs, ...server.chromiumArgs()],
    headless: true,
    baseURL: server.httpsUrl,
    serviceWorkers: "allow",
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const shell = new AppShell(page);
    const device = new CommunityDevice(page);
    // A phone new to the office opens plain HTTP first (HTTPS it does not
    // trust yet, and once it has been there HSTS keeps it there): it is
    // offered the office's authority, and everything else goes to HTTPS.
    await page.goto(`${server.httpUrl}/ca`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("在手机上安装本村的安全证书");
    await expect(page.getByTestId("ca-fingerprint")).toHaveText(server.fingerprint);
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    // The page's download is the authority itself, as a phone installs it.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /下载证书/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("linli-ca.crt");
    const downloaded = readFileSync(await download.path());
    expect(new X509Certificate(downloaded).fingerprint256).toBe(server.fingerprint);
    await page.goto(`${server.httpUrl}/rules`);
    await expect(page).toHaveURL(server.httpsUrlAt("127.0.0.1", "/rules"));

    await page.goto(server.httpsUrl);

    await device.join(demoInviteCode("jinyu-wenyuan", "officer"));
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    expect(await page.evaluate(() => location.origin)).toBe(server.httpsUrl);
    const protocol = await page.evaluate(
      () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).nextHopProtocol,
    );
    expect(protocol).toBe("h2");

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);

    // Offline, both ways (the browser's emulation does not reach the service
    // worker's own requests): the page comes back from the service worker.
    await page.goto("/");
    await shell.waitUntilOfflineReady();
    await context.setOffline(true);
    await server.stop();
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(device.board).toBeVisible();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
});
