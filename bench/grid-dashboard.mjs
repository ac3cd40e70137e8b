// Grid dashboard benchmark: one grid of 2,000 households with 5,000 visit
// logs, rendered and filtered in headless Chromium on its grid worker's
// device. Run by bench/grid-dashboard.sh.
import { chinaDate, deviceAfterFirstSync, keystrokeTimes, pushAs } from "./lib.mjs";

const HOUSEHOLDS = 2000;
const VISITS = 5000;
const categories = ["key", "general", "general", "general", "difficulty"];

// 1. Data, through the API as 大庆路社区's admin: a grid run by its grid worker.
const mutations = [
  { name: "upsertGrid", args: { id: "bench", name: "测试网格", area: "2,000 户", worker: "daqinglu-grid-worker" } },
  { name: "setVisitPlan", args: { id: "bench-plan", grid: "bench", name: "测试三遍走", start: chinaDate(-10), roundDays: [7, 14, 14] } },
];
for (let i = 0; i < HOUSEHOLDS; i++) {
  mutations.push({ name: "addHousehold", args: { id: `bh${i}`, grid: "bench", address: `测试小区${1 + (i % 40)}号楼${1 + (i % 6)}单元${100 + i}`,
    head: `户主${i}`, category: categories[i % 5] } });
}
for (let i = 0; i < VISITS; i++) {
  mutations.push({ name: "logVisit", args: { id: `bv${i}`, household: `bh${(i * 7) % HOUSEHOLDS}`, date: chinaDate(-(i % 30)),
    found: "一切正常", done: "" } });
}
await pushAs("daqinglu-admin", mutations);

// 2. The grid worker's device joins and syncs it all.
const { browser, page, syncMs } = await deviceAfterFirstSync("daqinglu-grid-worker");

// 3. Render: the volunteers page with the dashboard (due and overdue households).
let started = Date.now();
await page.getByTestId("nav-volunteers").click();
await page.getByTestId("visit-counts").filter({ hasText: /2005/ }).waitFor({ timeout: 60_000 });
await page.waitForFunction(() => document.querySelectorAll("[data-testid=household]").length > 0);
const renderMs = Date.now() - started;
const dueShown = await page.locator("[data-testid=household]").count();

// 4. Every household (the list shows them 100 at a time): untick "only due
// and overdue", then ask for the next 100.
started = Date.now();
await page.getByTestId("only-open").uncheck();
await page.getByTestId("more-households").filter({ hasText: /\(19\d\d\)/ }).waitFor();
const allMs = Date.now() - started;
started = Date.now();
await page.getByTestId("more-households").click();
await page.waitForFunction(() => document.querySelectorAll("[data-testid=household]").length >= 200);
const moreMs = Date.now() - started;

// 5. Filter keystrokes over all 2,000, each timed from the input event to the next frame.
const keystrokes = await keystrokeTimes(page, "[data-testid=household-filter]", ["1", "12", "12号", "12号楼", "", "户", "户主", "户主1", "户主19", ""]);
await browser.close();

console.log(`first sync of the grid worker's device (${mutations.length} mutations' records): ${syncMs} ms`);
console.log(`render the grid dashboard (${HOUSEHOLDS} households, ${VISITS} visit logs; ${dueShown} due or overdue shown): ${renderMs} ms`);
console.log(`show every household (first 100 of ${HOUSEHOLDS}): ${allMs} ms; the next 100: ${moreMs} ms`);
console.log(`filter keystroke over ${HOUSEHOLDS} households: median ${keystrokes.median.toFixed(1)} ms, max ${keystrokes.max.toFixed(1)} ms (${keystrokes.count} keystrokes)`);
