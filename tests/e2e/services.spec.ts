// Community services across devices in 喜悦社区: a resident books a home
// haircut with no network; a grid worker schedules it with a volunteer, who
// alone of the residents receives the address, reports it done, and finds
// the hours on the certificate; the resident confirms it with feedback.
// Policies are searched offline, in Chinese; the shelter's banner reaches
// every member's home page.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { CommunityDevice } from "./pages/community-page";
import { demoInviteCode, demoMemberCode } from "./support/demo";
import { OwnServer } from "./support/server";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => violation.id);
}

async function device(browser: Browser, code: string, baseURL?: string) {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const member = new CommunityDevice(await context.newPage());
  await member.join(code);
  await member.page.goto("/services");
  await expect(member.page.getByTestId("page-services")).toBeVisible();
  return { context, member, page: member.page };
}

/** "YYYY-MM-DDTHH:MM" in Hohhot (UTC+8), `minutesAgo` minutes ago. */
function hohhotTime(minutesAgo: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - minutesAgo * 60_000).toISOString().slice(0, 16);
}

const ADDRESS = "3号楼2单元101";

test("a home haircut booked offline is scheduled, done by a volunteer who alone sees the address, confirmed, and counted", async ({ browser }) => {
  const resident = await device(browser, demoMemberCode("xiyue-p050"));
  await resident.context.setOffline(true);
  const haircut = resident.page.locator('[data-testid="service"][data-service="haircut"]');
  await haircut.getByTestId("request-open").click();
  await haircut.getByTestId("request-address").fill(ADDRESS);
  await haircut.getByTestId("request-note").fill("行动不便，请上门");
  await haircut.getByTestId("request-send").click();
  await expect(haircut.getByTestId("request-done")).toBeVisible();
  const mine = resident.page.getByTestId("my-request");
  await expect(mine).toHaveAttribute("data-status", "Requested");
  expect(await violations(resident.page)).toEqual([]);
  await resident.context.setOffline(false);
  await resident.member.syncNow();

  // A grid worker of a grid no other test joins: the shared server's
  // officer joins in sync.spec.ts, and an invite code joins once.
  const gridWorker = await device(browser, demoMemberCode("xiyue-gw09"));
  const queued = gridWorker.page.getByTestId("queued-request").filter({ hasText: ADDRESS });
  await expect(queued).toHaveCount(1);
  await queued.getByTestId("schedule-at").fill(hohhotTime(120));
  await queued.getByTestId("assign-volunteer").selectOption("xiyue-p051");
  await queued.getByTestId("schedule-confirm").click();
  await expect(queued).toHaveCount(0);
  await gridWorker.member.syncNow();

  // The volunteer's copy, with the address; a neighbour has none.
  const volunteer = await device(browser, demoMemberCode("xiyue-p051"));
  const assignment = volunteer.page.getByTestId("assignment");
  await expect(assignment).toContainText(ADDRESS);
  await assignment.getByTestId("report-note").fill("理好了，老人很满意");
  await assignment.getByTestId("report-done").click();
  await expect(assignment).toHaveAttribute("data-status", "Done");
  await volunteer.member.syncNow();
  const neighbour = await device(browser, demoMemberCode("xiyue-p052"));
  await expect(neighbour.page.getByTestId("page-services")).not.toContainText(ADDRESS);

  // The resident confirms it, with stars, and sees each step.
  await resident.member.syncNow();
  await expect(mine).toHaveAttribute("data-status", "Done");
  await mine.getByTestId("request-feedback").fill("谢谢！");
  await mine.getByTestId("request-close").getByRole("button").click();
  await expect(mine).toHaveAttribute("data-status", "Closed");
  await expect(mine.getByTestId("request-timeline").locator("li")).toHaveCount(4);
  await resident.member.syncNow();

  // Two hours of home service on the volunteer's certificate.
  await volunteer.member.syncNow();
  await volunteer.page.goto("/volunteers/certificate");
  await expect(volunteer.page.getByTestId("certificate-row").filter({ hasText: "上门理发" })).toContainText("2");
  for (const one of [resident, gridWorker, volunteer, neighbour]) await one.context.close();
});

test("policies and public answers are searched on the phone with no network, in Chinese", async ({ browser }) => {
  const member = await device(browser, demoMemberCode("xiyue-p053"));
  await member.context.setOffline(true);
  const search = member.page.getByTestId("policy-search");
  const results = member.page.getByTestId("policy-results");
  await search.fill("医保");
  await expect(results.getByTestId("faq")).toContainText("城乡居民医保每年什么时候交");
  await search.fill("老人助餐");
  await expect(results.getByTestId("policy").first()).toContainText("为老助餐");
  await search.fill("停车位");
  await expect(member.page.getByTestId("policy-none")).toBeVisible();
  // A question asked offline waits on the phone.
  await member.page.getByTestId("question-text").fill("居住证在哪里办？");
  await member.page.getByTestId("question-send").click();
  await expect(member.page.getByTestId("questions").getByTestId("question")).toContainText("居住证在哪里办");
  await member.member.expectPending(1);
  await member.context.close();
});

test("the canteen opens the shelter for a storm and every member's home page shows it, offline too", async ({ browser }) => {
  // A server of its own: the shared one's canteen staff are other tests'.
  const server = await OwnServer.start(8093, { demo: true });
  try {
    const staff = await device(browser, demoInviteCode("jinyu-wenyuan", "canteen-staff"), server.url);
    const keeper = staff.page.getByTestId("shelter-keeper");
    await keeper.getByTestId("shelter-weather").selectOption({ label: "暴雨大风" });
    await keeper.getByTestId("shelter-open").click();
    await expect(staff.page.getByTestId("shelter-banner")).toContainText("暴雨大风");
    await staff.member.syncNow();

    const resident = await device(browser, demoInviteCode("jinyu-wenyuan", "resident"), server.url);
    await resident.page.goto("/");
    await expect(resident.page.getByTestId("shelter-banner")).toContainText("社区食堂休息区");
    await resident.context.setOffline(true);
    await resident.page.reload();
    await expect(resident.page.getByTestId("shelter-banner")).toContainText("姜茶");

    await keeper.getByTestId("shelter-close").click();
    await expect(staff.page.getByTestId("shelter-banner")).toHaveCount(0);
    await staff.member.syncNow();
    await resident.context.setOffline(false);
    await resident.member.syncNow();
    await expect(resident.page.getByTestId("shelter-banner")).toHaveCount(0);
    await staff.context.close();
    await resident.context.close();
  } finally {
    await server.stop();
  }
});
