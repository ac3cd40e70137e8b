// The village rules across devices and offline: two villagers vote with no
// network and see the same tally once synced; an officer's paper count from a
// meeting, entered offline on a tablet, joins the totals; counting a closed
// vote adopts its proposal as charter version 2, whose diff shows the article.
import { expect, test, type Browser } from "@playwright/test";
import { CommunityDevice } from "./pages/community-page";
import { RulesScreen } from "./pages/rules-page";
import { demoInviteCode, demoVillagerCode } from "./support/demo";

async function device(browser: Browser, code: string) {
  const context = await browser.newContext();
  const member = new CommunityDevice(await context.newPage());
  await member.join(code);
  const rules = new RulesScreen(member.page);
  await rules.open();
  return { context, member, rules };
}

const WASTE_VOTE = "vote-waste";

test("two villagers vote offline and both see the same tally after sync", async ({ browser }) => {
  const first = await device(browser, demoVillagerCode("lianjiaying", 30));
  const second = await device(browser, demoVillagerCode("lianjiaying", 31));
  const forBefore = await first.rules.total(WASTE_VOTE, "赞成");
  const againstBefore = await first.rules.total(WASTE_VOTE, "反对");
  const turnoutBefore = await first.rules.turnout(WASTE_VOTE);

  await first.context.setOffline(true);
  await second.context.setOffline(true);
  await first.rules.castBallot(WASTE_VOTE, "赞成");
  await second.rules.castBallot(WASTE_VOTE, "反对");
  // Changed before the close: the last choice counts, once.
  await second.rules.castBallot(WASTE_VOTE, "赞成");
  await first.member.expectPending(1);
  await second.member.expectPending(2);

  await first.context.setOffline(false);
  await second.context.setOffline(false);
  await first.member.syncNow();
  await second.member.syncNow();
  await first.member.syncNow();

  for (const villager of [first, second]) {
    await expect.poll(() => villager.rules.total(WASTE_VOTE, "赞成")).toBe(forBefore + 2);
    await expect.poll(() => villager.rules.total(WASTE_VOTE, "反对")).toBe(againstBefore);
    await expect.poll(() => villager.rules.turnout(WASTE_VOTE)).toBe(turnoutBefore + 2);
  }
  await first.context.close();
  await second.context.close();
});

test("a ballot still on the phone says by when it must reach the server, and after the close that it will not count", async ({ browser }) => {
  const villager = await device(browser, demoVillagerCode("lianjiaying", 26));
  await villager.context.setOffline(true);
  await villager.rules.castBallot(WASTE_VOTE, "赞成");
  const vote = villager.rules.vote(WASTE_VOTE);
  await expect(vote.getByTestId("ballot-unsent")).toContainText("没有送到服务器");
  await expect(vote.getByTestId("ballot-too-late")).toHaveCount(0);

  // Eight days later (the vote closed after seven), still offline, the app
  // restarted: the ballot never reached the server, and the card says so.
  await villager.member.page.clock.setFixedTime(Date.now() + 8 * 24 * 3600 * 1000);
  await villager.member.page.reload();
  await villager.rules.open();
  await expect(vote.getByTestId("ballot-too-late")).toContainText("不会计入结果");
  await expect(vote.getByTestId("my-closed-ballot")).toHaveCount(0);
  await expect(vote.getByTestId("ballot-unsent")).toHaveCount(0);
  await villager.member.expectPending(1);
  await villager.context.close();
});

// One tablet for the officer: an invite code joins one device only.
test.describe.serial("the officer's tablet", () => {
  let officer: Awaited<ReturnType<typeof device>>;
  test.beforeAll(async ({ browser }) => {
    officer = await device(browser, demoInviteCode("lianjiaying", "admin"));
  });
  test.afterAll(async () => {
    await officer.context.close();
  });

  test("a paper tally entered offline joins the totals after sync", async ({ browser }) => {
    const villager = await device(browser, demoVillagerCode("lianjiaying", 32));
    const forBefore = await villager.rules.total(WASTE_VOTE, "赞成");
    const turnoutBefore = await villager.rules.turnout(WASTE_VOTE);

    await officer.context.setOffline(true);
    const meetingVoters = [0, 1, 2, 3, 4, 5].map((n) => `lianjiaying-v${String(n).padStart(2, "0")}`);
    await officer.rules.enterPaperTally(WASTE_VOTE, "一组村民会议 举手表决", [5, 1, 0], meetingVoters);
    await expect.poll(() => officer.rules.total(WASTE_VOTE, "赞成")).toBe(forBefore + 5);
    await officer.member.expectPending(1);
    await officer.context.setOffline(false);
    await officer.member.syncNow();

    await villager.member.syncNow();
    await expect.poll(() => villager.rules.total(WASTE_VOTE, "赞成")).toBe(forBefore + 5);
    await expect.poll(() => villager.rules.turnout(WASTE_VOTE)).toBe(turnoutBefore + 6);
    await expect(villager.rules.vote(WASTE_VOTE).locator('[data-option="赞成"]')).toContainText("现场 5");
    await villager.context.close();
  });

  test("counting a closed vote adopts its proposal as charter version 2 with the changed article", async () => {
    await expect(officer.rules.charter.getByTestId("charter-current")).toContainText("版本 1");
    await officer.rules.countVote("vote-wedding");
    await officer.member.syncNow();

    const outcome = officer.rules.vote("vote-wedding").getByTestId("outcome");
    await expect(outcome).toHaveText("通过");
    await expect(officer.rules.charter.getByTestId("charter-current")).toContainText("版本 2");
    await expect(officer.rules.proposal("wedding-tables")).toHaveAttribute("data-stage", "Adopted");
    const diff = officer.rules.charter.getByTestId("charter-diff");
    await diff.locator("summary").click();
    const changed = diff.getByTestId("diff-changed");
    await expect(changed).toHaveCount(1);
    await expect(changed).toHaveAttribute("data-article", "3");
    await expect(changed.locator("del")).toContainText("15桌");
    await expect(changed.locator("ins")).toContainText("10桌");
  });
});
