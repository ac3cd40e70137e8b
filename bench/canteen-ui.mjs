// Canteen UI benchmark: a menu of 300 dishes and a kitchen view of 2,000
// orders, rendered and filtered in headless Chromium. Run by bench/canteen-ui.sh.
import { chinaDate, deviceAfterFirstSync, keystrokeTimes, pushAs } from "./lib.mjs";

const tomorrow = chinaDate(1);

// 1. Data, through the API as the demo admin (who may do the canteen's work).
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
await pushAs("jinyu-wenyuan-admin", mutations);

// 2. A canteen-staff device joins and syncs it all.
const { browser, page, syncMs } = await deviceAfterFirstSync("jinyu-wenyuan-canteen-staff");

// 3. Render: the canteen page with 300 dishes on the menu and 2,000 orders in the kitchen.
let started = Date.now();
await page.getByTestId("nav-canteen").click();
await page.waitForFunction(() => document.querySelectorAll("[data-testid=dish]").length >= 300, null, { timeout: 60_000 });
await page.waitForFunction(() => document.querySelectorAll("[data-testid=count-row]").length >= 300, null, { timeout: 60_000 });
const renderMs = Date.now() - started;

// 4. Filter keystrokes in the dish search, each timed from the input event to the next frame.
const keystrokes = await keystrokeTimes(page, "[data-testid=dish-search]", ["豆", "豆腐", "", "1", "12", "123", "", "青", "青菜", ""]);

// 5. The kitchen recomputing its counts over 2,000 orders: move to an empty day and back.
const kitchenDate = page.getByTestId("kitchen").getByTestId("meal-date");
await kitchenDate.fill(chinaDate(10));
await page.waitForFunction(() => document.querySelectorAll("[data-testid=count-row]").length === 0);
started = Date.now();
await kitchenDate.fill(tomorrow);
await page.waitForFunction(() => document.querySelectorAll("[data-testid=count-row]").length >= 300);
const kitchenMs = Date.now() - started;
await browser.close();

console.log(`first sync of the staff device (${mutations.length} mutations' records): ${syncMs} ms`);
console.log(`render the canteen page (300-dish menu + kitchen over 2,000 orders): ${renderMs} ms`);
console.log(`filter keystroke in a 300-dish menu: median ${keystrokes.median.toFixed(1)} ms, max ${keystrokes.max.toFixed(1)} ms (${keystrokes.count} keystrokes)`);
console.log(`kitchen counts over 2,000 orders after changing the date: ${kitchenMs} ms`);
