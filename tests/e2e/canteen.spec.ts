// The canteen offline and across devices: a senior orders dine-in lunch with
// no network and sees the 60% price, the kitchen sees it and checks her in by
// code, and a paused monthly package ends three served days later everywhere.
import { expect, test, type Browser } from "@playwright/test";
import { CanteenScreen } from "./pages/canteen-page";
import { CommunityDevice } from "./pages/community-page";
import { demoInviteCode, type DemoRole } from "./support/demo";
import { OwnServer } from "./support/server";
import { recordSpeech, spoken } from "./support/speech";

async function device(browser: Browser, role: DemoRole) {
  const context = await browser.newContext();
  await recordSpeech(context, ["zh-CN"]);
  const member = new CommunityDevice(await context.newPage());
  await member.join(demoInviteCode("jinyu-wenyuan", role));
  const canteen = new CanteenScreen(member.page);
  await canteen.open();
  return { context, member, canteen };
}

/** The date `days` from today in Hohhot (UTC+8), as YYYY-MM-DD. */
function hohhotDate(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** "到期：2026-01-02" → the date 3 days later, in the same words. */
function threeDaysLater(text: string): string {
  const date = text.match(/\d{4}-\d{2}-\d{2}/)![0];
  const later = new Date(`${date}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 3);
  return text.replace(date, later.toISOString().slice(0, 10));
}

test("a senior orders offline at 60%, the kitchen checks her in, a pause rolls her plan over", async ({ browser }) => {
  const senior = await device(browser, "resident");
  const staff = await device(browser, "canteen-staff");

  // Offline, tomorrow's lunch (the form's default), home-style tofu, dine-in.
  await senior.context.setOffline(true);
  // A dish says what diet it suits without filtering for it.
  await expect(senior.canteen.orderForm.locator('[data-dish="braised-tofu"]').getByTestId("dish-tags")).toHaveText("软烂");
  await senior.canteen.addDish("braised-tofu");
  await expect(senior.canteen.orderForm.getByTestId("adjustment")).toHaveText("60岁以上堂食六折 −¥3.20");
  await expect(senior.canteen.orderForm.getByTestId("total")).toHaveText("¥4.80");
  // Before ordering, the form says when this meal's orders close and how
  // many portions of a limited dish are left.
  await expect(senior.canteen.orderForm.getByTestId("order-closes")).toContainText("截止预订");
  const tofuLeft = senior.canteen.orderForm.locator('[data-dish="braised-tofu"]').getByTestId("dish-left");
  const leftBefore = Number((await tofuLeft.innerText()).match(/\d+/)![0]);
  expect(leftBefore).toBeLessThanOrEqual(80);
  // The price and why, read aloud; and the day's menu.
  await senior.canteen.orderForm.getByTestId("bill").getByTestId("read-aloud").click();
  await expect.poll(async () => (await spoken(senior.member.page)).at(-1)?.text).toContain("60岁以上堂食六折 −¥3.20");
  expect((await spoken(senior.member.page)).at(-1)?.text).toContain("¥4.80");
  await senior.canteen.orderForm.getByTestId("read-aloud").first().click();
  await expect.poll(async () => (await spoken(senior.member.page)).at(-1)?.text).toContain("家常豆腐");
  await senior.canteen.placeOrder();
  // Her own code for this order, known offline, never her member id.
  const pickupCode = await senior.canteen.orderedPickupCode();
  expect(pickupCode).toMatch(/^\d{3} \d{3}$/);
  await expect(senior.canteen.mine.getByTestId("order-pickup-code").filter({ hasText: pickupCode })).toHaveCount(1);
  await expect(tofuLeft).toHaveText(`还剩${leftBefore - 1}份`);
  // Still on the phone: it says so, and by when it must reach the server.
  await expect(senior.canteen.mine.getByTestId("order-unsent")).toHaveCount(1);
  await expect(senior.canteen.mine.getByTestId("order-unsent")).toContainText("没有送到服务器");
  const orders = senior.canteen.mine.getByTestId("my-order");
  const before = await orders.count();

  // Her statement says what the charge was for, with the balance after it.
  const statement = await senior.canteen.openStatement();
  await expect(statement.getByTestId("statement-line").last()).toContainText("午餐（堂食）");
  await expect(statement.getByTestId("statement-line").last()).toContainText("−¥4.80");
  await expect(statement.getByTestId("statement-closing")).toHaveText(await senior.canteen.mine.getByTestId("balance").innerText());

  await senior.member.page.reload();
  await senior.canteen.open();
  await expect(orders).toHaveCount(before);
  await senior.member.expectPending(1);

  // The monthly breakfast plan, paused for three days, still offline.
  const endBefore = await senior.canteen.endDate().innerText();
  await senior.canteen.pauseFirstSubscription();
  await expect(senior.canteen.endDate()).toHaveText(threeDaysLater(endBefore));
  await expect(senior.canteen.mine.getByTestId("pause-unsent")).toContainText("没有送到服务器");

  await senior.context.setOffline(false);
  await senior.member.syncNow();
  await expect(senior.canteen.mine.getByTestId("order-unsent")).toHaveCount(0);
  await expect(senior.canteen.mine.getByTestId("pause-unsent")).toHaveCount(0);
  await staff.member.syncNow();

  // The kitchen opens on today; on tomorrow it counts the new portion (the
  // demo already had one), but does not hand tomorrow's lunch out today.
  await staff.canteen.chooseKitchenDate(hohhotDate(1));
  await expect(staff.canteen.kitchen.getByTestId("count-row").filter({ hasText: "家常豆腐" })).toContainText("2");
  await staff.canteen.checkIn(pickupCode);
  await expect(staff.canteen.kitchen.getByRole("alert").filter({ hasText: "不是今天的" })).toBeVisible();
  await expect(staff.canteen.kitchen.getByTestId("checked-in")).toHaveCount(0);

  // Lunch orders run to the end of the day: she orders today's, and the
  // counter checks her in by its code.
  await staff.canteen.setLunchCutoff("23:59");
  await staff.member.syncNow();
  await senior.member.syncNow();
  await senior.canteen.chooseOrderDate(hohhotDate(0));
  await senior.canteen.addDish("braised-tofu");
  await senior.canteen.placeOrder();
  const todayCode = await senior.canteen.orderedPickupCode();
  expect(todayCode).not.toBe(pickupCode);
  await senior.member.syncNow();
  await staff.member.syncNow();
  await staff.canteen.chooseKitchenDate(hohhotDate(0));
  await staff.canteen.checkIn(todayCode);
  await expect(staff.canteen.kitchen.getByTestId("checked-in")).toContainText("刘玉梅");

  // A top-up at the counter: the statement, as staff and then she see it,
  // says who entered it and runs the balance on.
  const counterStatement = await staff.canteen.topUp("刘玉梅", "20");
  const topUpLine = counterStatement.getByTestId("statement-line").last();
  await expect(topUpLine).toContainText("充值");
  await expect(topUpLine).toContainText("由李杰代录");
  await expect(topUpLine).toContainText("¥20.00");
  const balanceAfter = await topUpLine.getByTestId("statement-balance").innerText();

  // The charity meal fund: staff record a donation at the desk, and every
  // member sees who gave what, never who ate.
  const fund = staff.canteen.kitchen.locator('[data-testid="fund-desk"][data-fund="aixin"]');
  await expect(fund.getByTestId("fund-balance")).toHaveText("余额 ¥700.00");
  await fund.getByTestId("donor").fill("魏家宴");
  await fund.getByTestId("donation").fill("100");
  await fund.getByTestId("donate").click();
  await expect(fund.getByTestId("fund-balance")).toHaveText("余额 ¥800.00");
  await expect(fund.getByTestId("fund-eligible").locator("li")).toHaveCount(1);

  // Both devices show the rolled-over end date.
  const seniorId = "jinyu-wenyuan-resident";
  await expect(
    staff.canteen.kitchen.locator(`[data-testid="member-subscription"][data-member="${seniorId}"]`).getByTestId("end-date"),
  ).toHaveText(threeDaysLater(endBefore));
  await staff.member.syncNow();
  await senior.member.syncNow();
  await expect(senior.canteen.endDate()).toHaveText(threeDaysLater(endBefore));
  await expect(senior.canteen.mine.locator('[data-testid="my-order"][data-status="PickedUp"]')).toHaveCount(1);
  const mine = await senior.canteen.openStatement();
  await expect(mine.getByTestId("statement-line").last()).toContainText("由李杰代录");
  await expect(mine.getByTestId("statement-closing")).toHaveText(balanceAfter);
  await expect(senior.canteen.mine.getByTestId("balance")).toHaveText(balanceAfter);
  const charity = senior.member.page.getByTestId("charity-meals");
  for (const line of ["辖区爱心企业 捐 ¥500.00", "社区党员 捐 ¥200.00", "魏家宴 捐 ¥100.00"]) {
    await expect(charity.getByTestId("fund-donor").filter({ hasText: line })).toHaveCount(1);
  }
  await expect(charity).not.toContainText("张丽");

  await senior.context.close();
  await staff.context.close();
});

test("a resumed plan gives back the paused days", async ({ browser }) => {
  const context = await browser.newContext();
  const member = new CommunityDevice(await context.newPage());
  await member.join(demoInviteCode("jinqiao", "resident"));
  const canteen = new CanteenScreen(member.page);
  await canteen.open();
  const endBefore = await canteen.endDate().innerText();
  await canteen.pauseFirstSubscription();
  await expect(canteen.endDate()).toHaveText(threeDaysLater(endBefore));
  await canteen.mine.getByTestId("subscription").first().getByTestId("resume").click();
  await expect(canteen.endDate()).toHaveText(endBefore);
  await member.syncNow();
  await expect(canteen.endDate()).toHaveText(endBefore);
  await context.close();
});

test("staff change a dish's price and the lunch cut-off, and members see the new price", async ({ browser }) => {
  const staff = await device(browser, "officer");
  await staff.canteen.changeDishPrice("家常豆腐", "9.00");
  await expect(staff.canteen.orderForm.locator('[data-dish="braised-tofu"] .dish-price')).toHaveText("¥9.00");
  await staff.canteen.setLunchCutoff("09:30");
  await staff.member.syncNow();
  await staff.member.expectPending(0);

  const member = await device(browser, "volunteer");
  await expect(member.canteen.orderForm.locator('[data-dish="braised-tofu"] .dish-price')).toHaveText("¥9.00");
  await staff.member.page.reload();
  await staff.canteen.open();
  const settings = staff.canteen.kitchen.getByTestId("canteen-settings");
  await settings.locator("summary").click();
  await expect(settings.locator("fieldset").nth(1).locator('input[type="time"]')).toHaveValue("09:30");
  await staff.context.close();
  await member.context.close();
});

test("an order that never reached the server before its cut-off says it will not count, and what to do", async ({ browser }) => {
  // A server of its own: the shared server's demo diner is another test's.
  const server = await OwnServer.start(8094, { demo: true });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const member = new CommunityDevice(await context.newPage());
    await member.join(demoInviteCode("jinyu-wenyuan", "resident"));
    const canteen = new CanteenScreen(member.page);
    await canteen.open();
    await context.setOffline(true);
    await canteen.addDish("braised-tofu");
    await canteen.placeOrder();
    await expect(canteen.mine.getByTestId("order-unsent")).toContainText("之前联网送到");

    // Two days on, still offline, the app restarted: tomorrow's cut-off has
    // passed, and the order says it will not count.
    await member.page.clock.setFixedTime(Date.now() + 2 * 24 * 3600 * 1000);
    await member.page.reload();
    await canteen.open();
    await expect(canteen.mine.getByTestId("order-unsent-late")).toContainText("不会算订上");
    await expect(canteen.mine.getByTestId("order-unsent-late")).toContainText("食堂柜台");
    await expect(canteen.mine.getByTestId("order-unsent")).toHaveCount(0);
    await member.expectPending(1);
    await context.close();
  } finally {
    await server.stop();
  }
});
