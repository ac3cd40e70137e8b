// Canteen UI benchmark: a menu of 300 dishes and a kitchen view of 2,000
// orders, rendered and filtered in headless Chromium. Run by bench/canteen-ui.sh.
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
const tomorrow = chinaDate(1);

// 1. Data, through the API as the demo admin (who may do the canteen's work).
const admin = (await post("/api/v1/join", { code: code("jinyu-wenyuan-admin") })).token;
const diner = "jinyu-wenyuan-volunteer"; // 45, no discount at lunch: the total is the menu price
const mutations = [];
const dishes = [];
for (let i = 0; i < 300; i++) {
  const dish = { id: `bench-${i}`, nameZh: `测试菜品${i}号${i % 7 === 0 ? "豆腐" : "青菜"}`, nameEn: `Bench dish ${i}`,
    category: "hot_dish", price: 300 + (i % 20) * 50, portion: "standard", tags: i % 3 === 0 ? ["soft"] : [] };
  dishes.push(dish);
  mutations.push({ name: "upsertDish", args: dish });
}
mutations.push({ name: "setDailyMenu", args: { date: tomorrow, meal: "lunch", dishes: dishes.map((d) => d.id) } });
mutations.push({ name: "topUp", args: { id: "bench-topup", member: diner, amount: 100_000_000, reference: "" } });
for (let i = 0; i < 2000; i++) {
  const lines = [dishes[i % 300], dishes[(i * 7) % 300]].map((d) => ({ dish: d.id, quantity: 1 + (i % 2) }));
  const total = lines.reduce((sum, line) => sum + dishes.find((d) => d.id === line.dish).price * line.quantity, 0);
  mutations.push({ name: "placeOrder", args: { id: `bench-o${i}`, member: diner, date: tomorrow, meal: "lunch",
    mode: "dine_in", lines, expectedTotal: total } });
}
let id = 1;
for (let start = 0; start < mutations.length; start += 100) {
  const batch = mutations.slice(start, start + 100).map((m) => ({ clientID: "bench-c", id: id++, timestamp: Date.now(), ...m }));
  const answer = await post("/api/v1/push", { pushVersion: 1, clientGroupID: "bench-g", mutations: batch, profileID: "", schemaVersion: "1" }, admin);
  if (answer.rejected) throw new Error(`rejected: ${JSON.stringify(answer)}`);
}

// 2. A canteen-staff device joins and syncs it all.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(base);
await page.getByTestId("join").getByRole("textbox").fill(code("jinyu-wenyuan-canteen-staff"));
let started = Date.now();
await page.getByTestId("join").getByRole("button").click();
await page.getByTestId("notice-board").waitFor();
await page.getByTestId("last-sync").filter({ hasText: /上次同步/ }).waitFor({ timeout: 120_000 });
const syncMs = Date.now() - started;

// 3. Render: the canteen page with 300 dishes on the menu and 2,000 orders in the kitchen.
started = Date.now();
await page.getByTestId("nav-canteen").click();
await page.waitForFunction(() => document.querySelectorAll("[data-testid=dish]").length >= 300, null, { timeout: 60_000 });
await page.waitForFunction(() => document.querySelectorAll("[data-testid=count-row]").length >= 300, null, { timeout: 60_000 });
const renderMs = Date.now() - started;

// 4. Filter keystrokes in the dish search, each timed from the input event to the next frame.
const keystrokes = await page.evaluate(async () => {
  const input = document.querySelector("[data-testid=dish-search]");
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const times = [];
  for (const text of ["豆", "豆腐", "", "1", "12", "123", "", "青", "青菜", ""]) {
    const t0 = performance.now();
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await frame();
    times.push(performance.now() - t0);
  }
  return times;
});

// 5. The kitchen recomputing its counts over 2,000 orders: move to an empty day and back.
const kitchenDate = page.getByTestId("kitchen").getByTestId("meal-date");
await kitchenDate.fill(chinaDate(10));
await page.waitForFunction(() => document.querySelectorAll("[data-testid=count-row]").length === 0);
started = Date.now();
await kitchenDate.fill(tomorrow);
await page.waitForFunction(() => document.querySelectorAll("[data-testid=count-row]").length >= 300);
const kitchenMs = Date.now() - started;
await browser.close();

const sorted = [...keystrokes].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`first sync of the staff device (${mutations.length} mutations' records): ${syncMs} ms`);
console.log(`render the canteen page (300-dish menu + kitchen over 2,000 orders): ${renderMs} ms`);
console.log(`filter keystroke in a 300-dish menu: median ${median.toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms (${keystrokes.length} keystrokes)`);
console.log(`kitchen counts over 2,000 orders after changing the date: ${kitchenMs} ms`);
