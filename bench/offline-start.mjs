// Offline cold start (bench/offline-start.sh): after a first sync of
// 10,000 village-shaped records (bench/village-data.mjs), the phone goes
// offline, its CPU is slowed 4× (CDP, as Lighthouse's mobile default) and
// the app is opened again from the service worker and IndexedDB: the time
// from the navigation to the first record on screen, on the home page (the
// welcome notice) and on the volunteers page (a household of the grid
// lists), median of 3 each.
import { chromium } from "playwright-core";
import { base, code } from "./lib.mjs";
import { loadVillage } from "./village-data.mjs";

await loadVillage();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await context.newPage();
await page.goto(base);
await page.getByTestId("join").getByRole("textbox").fill(code("daqinglu-officer"));
await page.getByTestId("join").getByRole("button").click();
await page.getByTestId("last-sync").filter({ hasText: /上次同步/ }).waitFor({ timeout: 300_000 });
// Every part precached, so the offline start needs nothing from the network.
await page.evaluate(async () => {
  await navigator.serviceWorker.ready;
  while (!(await caches.keys()).length) await new Promise((resolve) => setTimeout(resolve, 100));
});
await page.getByTestId("nav-volunteers").click();
await page.getByTestId("household").first().waitFor({ timeout: 120_000 });

const cdp = await context.newCDPSession(page);
await context.setOffline(true);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

// Timed in the page: from the navigation's start (performance.now() is 0
// there) to the DOM change that first shows the record, so that
// Playwright's polling (up to 500 ms apart) is not in the figure.
await context.addInitScript(() => {
  window.firstRecordShown = (selector) => new Promise((resolve) => {
    const shown = () => document.querySelector(selector);
    if (shown()) return resolve(performance.now());
    new MutationObserver((_, observer) => {
      if (shown()) {
        observer.disconnect();
        resolve(performance.now());
      }
    }).observe(document, { subtree: true, childList: true });
  });
  window.firstRecordAt = {};
  for (const selector of ["[data-testid=notice]", "[data-testid=household]"]) {
    window.firstRecordShown(selector).then((at) => { window.firstRecordAt[selector] = at; });
  }
});

async function coldStart(path, firstRecord) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    await page.goto("about:blank");
    await page.goto(`${base}${path}`);
    await page.locator(firstRecord).first().waitFor({ timeout: 120_000 });
    times.push(await page.evaluate((selector) => window.firstRecordAt[selector], firstRecord));
  }
  return times.sort((a, b) => a - b)[1];
}
const home = await coldStart("/", "[data-testid=notice]");
const volunteers = await coldStart("/volunteers", "[data-testid=household]");
await browser.close();
console.log(`offline cold start, 4× CPU, 10,000 records: first record on screen at / ${(home / 1000).toFixed(2)} s, at /volunteers ${(volunteers / 1000).toFixed(2)} s (median of 3)`);
