// Village affairs across devices, each test on a server of its own with the
// demo: at 连家营村 a household head confirms this year's dividend with no
// network and the public accounts on another villager's phone count it; a
// villager answers the cultural-square questionnaire offline and the
// officers' chart counts it once, however often the phone syncs; at 大庆路社区
// a grid worker's patrol finding becomes a case on the grid's chain, in
// Chinese and in English.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { AppShell } from "./pages/app-shell";
import { CommunityDevice } from "./pages/community-page";
import { SettingsPage } from "./pages/settings-page";
import { demoInviteCode, demoVillagerCode } from "./support/demo";
import { OwnServer } from "./support/server";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => violation.id);
}

async function device(browser: Browser, code: string, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const member = new CommunityDevice(await context.newPage());
  await member.join(code);
  await member.page.goto("/village");
  await expect(member.page.getByTestId("page-village")).toBeVisible();
  return { context, member, page: member.page };
}

const THIS_YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

test("a household head confirms a dividend offline and the public accounts on another phone count it", async ({ browser }) => {
  const server = await OwnServer.start(8100, { demo: true });
  try {
    const neighbour = await device(browser, demoVillagerCode("lianjiaying", 3), server.url);
    const dividend = neighbour.page.locator(`[data-testid="distribution"][data-id="dividend-${THIS_YEAR}"]`);
    // Fourteen households; three heads, the resident's among them, have not confirmed yet.
    await expect(dividend).toContainText("14 户中 11 户已确认收到");
    // This year's transfer fee: 3,016 mu at ¥800.
    await expect(neighbour.page.getByTestId("accounts-contracts")).toContainText("今年已收 ¥2412800.00");
    await expect(neighbour.page.getByTestId("chart-categories")).toContainText("土地流转");

    const head = await device(browser, demoInviteCode("lianjiaying", "resident"), server.url);
    const household = head.page.getByTestId("my-household");
    await expect(household).toContainText("户：1组1号");
    await expect(household.getByTestId("household-parcels")).toContainText("东滩地1号");
    // Only the household's own lines: 1组1号's three members.
    const line = household.locator(`[data-testid="household-line"][data-source="dividend-${THIS_YEAR}"]`);
    await expect(line).toContainText("按 3 口人");
    await head.context.setOffline(true);
    await line.getByTestId("acknowledge-line").click();
    await expect(line.getByTestId("line-acknowledged")).toBeVisible();
    await head.member.expectPending(1);
    expect(await violations(head.page)).toEqual([]);
    await head.context.setOffline(false);
    await head.member.syncNow();

    await neighbour.member.syncNow();
    await expect(dividend).toContainText("14 户中 12 户已确认收到");
    // The neighbour sees no other household's line.
    await expect(neighbour.page.getByTestId("my-household")).not.toContainText("1组1号");
  } finally {
    await server.stop();
  }
});

test("a questionnaire answered offline is counted once in the officers' chart", async ({ browser }) => {
  const server = await OwnServer.start(8101, { demo: true });
  try {
    const villager = await device(browser, demoVillagerCode("lianjiaying", 12), server.url);
    const square = villager.page.locator('[data-testid="questionnaire"][data-id="square-2026"]');
    await expect(square.getByTestId("answer-form")).toBeVisible();
    await villager.context.setOffline(true);
    await square.getByLabel("健身器材").check();
    await square.getByLabel("21:30").check();
    await square.getByTestId("answer-text").fill("多装几个长椅");
    await square.getByTestId("answer-send").click();
    await expect(square.getByTestId("questionnaire-answered")).toBeVisible();
    await villager.member.expectPending(1);
    await villager.context.setOffline(false);
    await villager.member.syncNow();
    // Synced again after a reload: still one answer.
    await villager.page.reload();
    await expect(square.getByTestId("questionnaire-answered")).toBeVisible();
    await villager.member.syncNow();

    const officer = await device(browser, demoInviteCode("lianjiaying", "officer"), server.url);
    const counted = officer.page.locator('[data-testid="questionnaire"][data-id="square-2026"]');
    await expect(counted.getByTestId("questionnaire-respondents")).toHaveText("5 人填写");
    const firstQuestion = counted.getByTestId("questionnaire-chart").first();
    await expect(firstQuestion.locator("li").filter({ hasText: "健身器材" }).locator(".bar-value")).toHaveText("2");
    await expect(counted).toContainText("多装几个长椅");
    // Villagers see no count until the questionnaire closes.
    await expect(square).toContainText("截止后公布统计结果");
    expect(await violations(officer.page)).toEqual([]);
  } finally {
    await server.stop();
  }
});

test("a patrol's finding becomes a case on the grid's chain, in Chinese and in English", async ({ browser }) => {
  const server = await OwnServer.start(8102, { demo: true });
  try {
    const worker = await device(browser, demoInviteCode("daqinglu", "grid-worker"), server.url);
    const grid = worker.page.locator('[data-testid="grid-patrols"][data-grid="g01"]');
    await expect(grid.getByTestId("open-finding")).toHaveCount(3);
    await expect(grid.getByTestId("patrol-history")).toContainText("发现 3 个问题");
    await worker.context.setOffline(true);
    const form = grid.getByTestId("patrol-form");
    await form.locator("summary").click();
    await form.getByTestId("patrol-building").fill("5号楼");
    await form.getByTestId("patrol-unit").fill("1单元");
    const wires = form.locator('[data-testid="patrol-item"][data-item="flying_wire_charging"]');
    await wires.getByLabel("有问题").check();
    await wires.getByTestId("patrol-note").fill("二楼楼道飞线给电动车充电");
    await form.getByTestId("patrol-add-unit").click();
    await expect(form).toContainText("已记 1 个单元");
    await form.getByTestId("patrol-save").click();
    await expect(form.getByTestId("patrol-saved")).toContainText("1 个问题已转为事件");
    await expect(grid.getByTestId("open-finding")).toHaveCount(4);
    await expect(grid.getByTestId("open-findings")).toContainText("二楼楼道飞线给电动车充电");
    expect(await violations(worker.page)).toEqual([]);
    await worker.context.setOffline(false);
    await worker.member.syncNow();

    // On the grid's case chain, for the officers too.
    const officer = await device(browser, demoInviteCode("daqinglu", "officer"), server.url);
    await officer.page.goto("/volunteers");
    await expect(officer.page.getByTestId("case").filter({ hasText: "二楼楼道飞线给电动车充电" })).toHaveAttribute("data-status", "Reported");
    // A resident reads the case, not the patrol.
    const resident = await device(browser, demoInviteCode("daqinglu", "resident"), server.url);
    await expect(resident.page.getByTestId("patrols")).toHaveCount(0);

    await new AppShell(worker.page).open("settings");
    await new SettingsPage(worker.page).chooseEnglish();
    await worker.page.goto("/village");
    await expect(worker.page.getByTestId("patrols")).toContainText("Fire-safety patrols");
    await expect(grid.getByTestId("open-findings")).toContainText("Flying-wire charging");
  } finally {
    await server.stop();
  }
});
