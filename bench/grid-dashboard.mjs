// Grid dashboard benchmark: one grid of 2,000 households with 5,000 visit
// logs, rendered and filtered in headless Chromium on its grid worker's
// device. Run by bench/grid-dashboard.sh.
import { chromium } from "playwright-core";
import { createHash } from "node:crypto";

const base = process.env.LINLI_BENCH_URL;
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const code = (member) =>
  Array.from(createHash("sha256").update(`linli-demo-invite:${member}`).digest().subarray(0, 10), (b) => ALPHABET[b % 31]).join("");

async function post(path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// China Standard Time, as the app and the server count days.
const chinaDate = (offsetDays) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const HOUSEHOLDS = 2000;
const VISITS = 5000;
const categories = ["key", "general", "general", "general", "difficulty"];

// 1. Data, through the API as 大庆路社区's admin: a grid run by its grid worker.
const admin = (await post("/api/v1/join", { code: code("daqinglu-admin") })).token;
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
let id = 1;
for (let start = 0; start < mutations.length; start += 100) {
  const batch = mutations.slice(start, start + 100).map((m) => ({ clientID: "bench-c", id: id++, timestamp: Date.now(), ...m }));
  const answer = await post("/api/v1/push", { pushVersion: 1, clientGroupID: "bench-g", mutations: batch, profileID: "", schemaVersion: "1" }, admin);
  if (answer.rejected) throw new Error(`rejected: ${JSON.stringify(answer)}`);
}

// 2. The grid worker's device joins and syncs it all.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(base);
await page.getByTestId("join").getByRole("textbox").fill(code("daqinglu-grid-worker"));
let started = Date.now();
await page.getByTestId("join").getByRole("button").click();
await page.getByTestId("notice-board").waitFor();
await page.getByTestId("last-sync").filter({ hasText: /上次同步/ }).waitFor({ timeout: 120_000 });
const syncMs = Date.now() - started;

// 3. Render: the volunteers page with the dashboard (due and overdue households).
started = Date.now();
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
const keystrokes = await page.evaluate(async () => {
  const input = document.querySelector("[data-testid=household-filter]");
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const times = [];
  for (const text of ["1", "12", "12号", "12号楼", "", "户", "户主", "户主1", "户主19", ""]) {
    const t0 = performance.now();
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await frame();
    times.push(performance.now() - t0);
  }
  return times;
});
await browser.close();

const sorted = [...keystrokes].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`first sync of the grid worker's device (${mutations.length} mutations' records): ${syncMs} ms`);
console.log(`render the grid dashboard (${HOUSEHOLDS} households, ${VISITS} visit logs; ${dueShown} due or overdue shown): ${renderMs} ms`);
console.log(`show every household (first 100 of ${HOUSEHOLDS}): ${allMs} ms; the next 100: ${moreMs} ms`);
console.log(`filter keystroke over ${HOUSEHOLDS} households: median ${median.toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms (${keystrokes.length} keystrokes)`);
