// Community services across devices in 喜悦社区: a resident books a home
// haircut with no network; a grid worker schedules it with a volunteer, who
// alone of the residents receives the address, reports it done, and finds
// the hours on the certificate; the resident confirms it with feedback.
// Policies and the 15-minute circle are searched offline, in Chinese; the shelter's banner reaches
// every member's home page and asks outdoor workers in. At 金桥社区's 萌宝驿站
// a grandmother books temporary care offline, the staff check the child in
// and hand him over only to a listed person, and the officers never see him.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { AppShell } from "./pages/app-shell";
import { CommunityDevice } from "./pages/community-page";
import { SettingsPage } from "./pages/settings-page";
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
  // The 15-minute circle, offline too: the pharmacy by kind, the seniors' offers by word.
  const circle = member.page.getByTestId("service-circle");
  await circle.getByTestId("circle-search").fill("药房");
  await expect(circle.getByTestId("circle-point")).toHaveCount(1);
  await expect(circle.getByTestId("circle-point")).toContainText("仁和大药房");
  await circle.getByTestId("circle-search").fill("老人优惠");
  await expect(circle.locator('[data-point="supermarket"]')).toBeVisible();
  // Their own family doctor, recorded on the phone.
  const doctor = circle.getByTestId("family-doctor");
  await doctor.getByTestId("doctor-name").fill("王建华医生");
  await doctor.getByTestId("doctor-save").click();
  await expect(doctor.getByTestId("doctor-signed")).toContainText("喜悦社区卫生服务站 王建华医生");
  await member.member.expectPending(2);
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
    await expect(resident.page.getByTestId("shelter-for-you")).toHaveCount(0);
    // The demo volunteer sweeps the streets (a sanitation worker): asked in by name.
    const worker = await device(browser, demoInviteCode("jinyu-wenyuan", "volunteer"), server.url);
    await worker.page.goto("/");
    await expect(worker.page.getByTestId("shelter-for-you")).toContainText("户外工作辛苦了");
    await worker.context.close();
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

/** The current hour in Hohhot (UTC+8), in minutes after midnight. */
function hohhotHour(): number {
  return Math.floor(((Date.now() / 3_600_000 + 8) % 24)) * 60;
}

test("temporary care booked offline at the childcare station: checked in, handed only to a listed person, private to the family and the staff", async ({ browser }) => {
  const server = await OwnServer.start(8099, { demo: true });
  try {
    // The staff open the station round the clock, so that the hour now can be booked whenever the test runs.
    const staff = await device(browser, demoInviteCode("jinqiao", "childcare-staff"), server.url);
    const settings = staff.page.getByTestId("station-settings");
    await settings.locator("summary").click();
    await settings.getByTestId("station-opens").selectOption("0");
    await settings.getByTestId("station-closes").selectOption("1440");
    await settings.getByTestId("station-save").click();
    await expect(staff.page.getByTestId("station-line")).toContainText("00:00–24:00");
    await staff.member.syncNow();

    const grandmother = await device(browser, demoInviteCode("jinqiao", "resident"), server.url);
    await expect(grandmother.page.getByTestId("station-line")).toContainText("00:00–24:00");
    await expect(grandmother.page.getByTestId("child")).toContainText("乐乐");
    const books = grandmother.page.locator('[data-testid="care-session"][data-session="picture-books"]');
    await expect(books.getByTestId("session-signed")).toContainText("乐乐已报名");
    await grandmother.context.setOffline(true);
    const hour = hohhotHour();
    const care = grandmother.page.getByTestId("care-form");
    await care.getByTestId("care-from").selectOption(String(hour));
    await care.getByTestId("care-until").selectOption(String(hour + 60));
    await expect(care.getByTestId("care-left")).toContainText("还剩 6 个名额");
    await care.getByTestId("care-book").click();
    await expect(grandmother.page.getByTestId("care-booked")).toBeVisible();
    const booking = grandmother.page.getByTestId("my-booking").filter({ hasText: `${hohhotTime(0).slice(0, 10)} ${String(hour / 60).padStart(2, "0")}:00` });
    await expect(booking).toHaveAttribute("data-status", "Booked");
    await grandmother.member.expectPending(1);
    expect(await violations(grandmother.page)).toEqual([]);
    await grandmother.context.setOffline(false);
    await grandmother.member.syncNow();

    // The desk: today's roster, the allergy in sight, check-in, then the father from the list.
    await staff.member.syncNow();
    const line = staff.page.getByTestId("roster-line").filter({ hasText: "乐乐" }).filter({ has: staff.page.getByTestId("roster-check-in") });
    await expect(line.getByTestId("roster-allergies")).toContainText("鸡蛋");
    await line.getByTestId("roster-check-in").click();
    const checkedIn = staff.page.getByTestId("roster-line").filter({ has: staff.page.getByTestId("roster-check-out") });
    // Only the people on 乐乐's list can be chosen: no one else can be named.
    await expect(checkedIn.getByTestId("roster-collector").locator("option")).toHaveText(["—", "孙桂兰（奶奶）", "王磊（爸爸）"]);
    await checkedIn.getByTestId("roster-collector").selectOption("1");
    await expect(checkedIn.getByTestId("roster-collector-description")).toContainText("手机尾号 0312");
    expect(await violations(staff.page)).toEqual([]);
    await checkedIn.getByTestId("roster-hand-over").click();
    await expect(staff.page.getByTestId("roster-handover")).toContainText("王磊（爸爸）");
    await staff.member.syncNow();

    await grandmother.member.syncNow();
    const done = grandmother.page.getByTestId("my-booking").filter({ has: grandmother.page.getByTestId("booking-handover") });
    await expect(done).toHaveAttribute("data-status", "CheckedOut");
    await expect(done.getByTestId("booking-handover")).toContainText("王磊");

    // In English the station speaks English; the child's name stays as written.
    await new AppShell(grandmother.page).open("settings");
    await new SettingsPage(grandmother.page).chooseEnglish();
    await grandmother.page.goto("/services");
    await expect(grandmother.page.getByTestId("childcare")).toContainText("Childcare station");
    await expect(books).toContainText("Early education");
    await expect(done.getByTestId("booking-status")).toHaveText("Collected");
    await expect(done.getByTestId("booking-handover")).toContainText("handed to 王磊 (爸爸)");

    // The officer keeps the station's hours but never sees the child.
    const officer = await device(browser, demoInviteCode("jinqiao", "officer"), server.url);
    await expect(officer.page.getByTestId("station-settings")).toBeVisible();
    await expect(officer.page.getByTestId("page-services")).not.toContainText("乐乐");
    await expect(officer.page.getByTestId("station-desk")).toHaveCount(0);
    for (const one of [staff, grandmother, officer]) await one.context.close();
  } finally {
    await server.stop();
  }
});
