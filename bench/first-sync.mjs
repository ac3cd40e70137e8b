// First sync of a new device (bench/first-sync.sh): 10,000 village-shaped
// records loaded through the API (bench/village-data.mjs), then 大庆路社区's
// officer joins on a phone-sized Chromium page and the time from the join
// button to the first sync's end is measured, with every request the sync
// made and the bytes it moved on the wire (CDP's encodedDataLength, so
// brotli as sent). FIRST_SYNC_NETWORK=slow4g throttles the page as
// Lighthouse's mobile default does: 150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up.
import { chromium } from "playwright-core";
import { base, code } from "./lib.mjs";
import { loadVillage, RECORDS } from "./village-data.mjs";

const network = process.env.FIRST_SYNC_NETWORK ?? "none";
const loaded = await loadVillage();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Network.enable");
if (network === "slow4g") {
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9,
  });
}
await page.goto(base);
await page.getByTestId("join").getByRole("textbox").fill(code("daqinglu-officer"));

const api = new Map();
cdp.on("Network.requestWillBeSent", ({ requestId, request }) => {
  const path = new URL(request.url).pathname;
  if (path.startsWith("/api/v1/")) api.set(requestId, { path, bytes: 0 });
});
cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
  const seen = api.get(requestId);
  if (seen) seen.bytes = encodedDataLength;
});

// Timed in the page, from the click to the DOM change that shows the
// sync's end, so that Playwright's polling (up to 500 ms apart) is not in
// the figure.
await page.evaluate(() => {
  window.firstSync = new Promise((resolve) => {
    let clickedAt;
    document.addEventListener("click", () => { clickedAt ??= performance.now(); }, { capture: true });
    const ended = () => document.querySelector('[data-testid="notice-board"]')
      && /上次同步/.test(document.querySelector('[data-testid="last-sync"]')?.textContent ?? "");
    new MutationObserver((_, observer) => {
      if (clickedAt !== undefined && ended()) {
        observer.disconnect();
        resolve({ clickedAt, endedAt: performance.now() });
      }
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  });
});
await page.getByTestId("join").getByRole("button").click();
await page.getByTestId("notice-board").waitFor({ timeout: 120_000 });
await page.getByTestId("last-sync").filter({ hasText: /上次同步/ }).waitFor({ timeout: 300_000 });
const { clickedAt, endedAt } = await page.evaluate(() => window.firstSync);
const syncMs = endedAt - clickedAt;
// Where the time went: each request after the click, from the page's own
// Resource Timing (start and end relative to the click); the gaps between
// them are the browser's work on what arrived.
const timeline = await page.evaluate((from) =>
  performance.getEntriesByType("resource")
    .filter((entry) => entry.startTime >= from && /\/api\/v1\/|\.wasm$/.test(new URL(entry.name).pathname))
    .map((entry) => ({
      path: new URL(entry.name).pathname,
      start: entry.startTime - from,
      firstByte: entry.responseStart - from,
      end: entry.responseEnd - from,
    })), clickedAt);
await browser.close();

const requests = [...api.values()];
const pulls = requests.filter((request) => request.path === "/api/v1/pull");
const sum = (list) => list.reduce((total, request) => total + request.bytes, 0);
console.log(`records loaded: ${loaded} mutations (${Object.entries(RECORDS).map(([kind, n]) => `${n} ${kind}`).join(", ")})`);
console.log(`network: ${network === "slow4g" ? "slow 4G (150 ms, 1.6 Mbit/s down)" : "unthrottled"}`);
console.log(`first sync: ${(syncMs / 1000).toFixed(2)} s from the join button to the first sync's end`);
console.log(`requests: ${requests.length} to /api/v1/ (${pulls.length} pulls), ${sum(requests).toLocaleString("en")} bytes on the wire (${sum(pulls).toLocaleString("en")} in pulls)`);
console.log("timeline (ms after the click: start, first byte, end):");
for (const entry of timeline) {
  console.log(`  ${entry.path.padEnd(40)} ${entry.start.toFixed(0).padStart(6)} ${entry.firstByte.toFixed(0).padStart(6)} ${entry.end.toFixed(0).padStart(6)}`);
}
