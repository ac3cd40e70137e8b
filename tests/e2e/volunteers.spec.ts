// Grid work offline and across devices in 大庆路社区: the grid worker logs a
// visit with no network; a resident reports a hazard and, after the grid
// worker accepts, handles and answers it, sees the whole timeline; a
// volunteer signed in and out by their code text finds the hours on the
// certificate page.
import { expect, test, type Browser } from "@playwright/test";
import { CommunityDevice } from "./pages/community-page";
import { VolunteersScreen } from "./pages/volunteers-page";
import { demoInviteCode, demoMemberCode } from "./support/demo";

async function device(browser: Browser, code: string) {
  const context = await browser.newContext();
  const member = new CommunityDevice(await context.newPage());
  await member.join(code);
  const grid = new VolunteersScreen(member.page);
  await grid.open();
  return { context, member, grid };
}

/** "YYYY-MM-DDTHH:MM" in Hohhot (UTC+8), `minutesAgo` minutes ago. */
function hohhotTime(minutesAgo: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - minutesAgo * 60_000).toISOString().slice(0, 16);
}

// One phone for the grid worker: an invite code joins one device only.
test.describe.serial("the grid worker's phone", () => {
  let worker: Awaited<ReturnType<typeof device>>;
  test.beforeAll(async ({ browser }) => {
    worker = await device(browser, demoInviteCode("daqinglu", "grid-worker"));
  });
  test.afterAll(async () => {
    await worker.context.close();
  });

  test("a visit logged offline is kept and synced", async () => {
    const household = worker.grid.household("dq-h0");
    await expect(household).toHaveAttribute("data-state", /Due|Overdue/);
    await worker.context.setOffline(true);
    await worker.grid.logVisit("dq-h0", "马奶奶腿疼，药快吃完了", "约好明天代买药");
    await worker.grid.page.getByTestId("only-open").uncheck();
    await expect(household).toHaveAttribute("data-state", "Visited");
    await worker.member.expectPending(1);
    await worker.member.page.reload();
    await worker.grid.open();
    await worker.grid.page.getByTestId("only-open").uncheck();
    await expect(worker.grid.household("dq-h0")).toHaveAttribute("data-state", "Visited");
    await worker.context.setOffline(false);
    await worker.member.syncNow();
    await worker.member.expectPending(0);
    await expect(worker.grid.household("dq-h0")).toHaveAttribute("data-state", "Visited");
  });

  test("a resident's hazard report goes through the chain and the resident sees the timeline", async ({ browser }) => {
    const resident = await device(browser, demoMemberCode("daqinglu-r00"));
    const place = "4号楼2单元楼道";
    await resident.grid.reportHazard(place, "楼道里有人用飞线给电动车充电");
    await resident.member.syncNow();

    await worker.member.syncNow();
    await expect(worker.grid.caseAbout(place)).toHaveAttribute("data-status", "Reported");
    await worker.grid.advanceCase(place, "accept");
    await worker.grid.advanceCase(place, "handle", "已联系住户拆除飞线，改到集中充电点");
    await worker.grid.advanceCase(place, "feedback", "飞线已拆除，谢谢您的提醒");
    await expect(worker.grid.caseAbout(place)).toHaveAttribute("data-status", "Closed");
    await worker.member.syncNow();

    await resident.member.syncNow();
    const card = resident.grid.caseAbout(place);
    await expect(card).toHaveAttribute("data-status", "Closed");
    const steps = card.getByTestId("timeline-step");
    await expect(steps).toHaveCount(4);
    await expect(steps.nth(1)).toContainText("受理");
    await expect(steps.nth(2)).toContainText("已联系住户拆除飞线");
    await expect(steps.nth(3)).toContainText("王智慧");
    await resident.context.close();
  });

  test("a volunteer signed in and out by code has the hours on the certificate", async ({ browser }) => {
    const volunteer = await device(browser, demoInviteCode("daqinglu", "volunteer"));
    // A code seen by someone else is retired by making a new one.
    const seen = await volunteer.grid.memberCode();
    expect(seen).not.toContain("daqinglu");
    const code = await volunteer.grid.renewMemberCode();
    await volunteer.member.syncNow();
    await worker.member.syncNow();
    const panel = worker.grid.activity("dq-patrol").getByTestId("attendance");
    await worker.grid.trySignIn("dq-patrol", seen);
    await expect(panel.getByTestId("member-code-unknown")).toBeVisible();
    await worker.grid.stamp("dq-patrol", code, true, hohhotTime(150));
    await expect(panel.getByTestId("member-code-unknown")).toBeHidden();
    await worker.grid.stamp("dq-patrol", code, false);
    await expect(worker.grid.activity("dq-patrol").getByTestId("attendance-row")).toContainText("2.5");
    await worker.member.syncNow();

    await volunteer.member.syncNow();
    await volunteer.grid.openCertificate();
    await expect(volunteer.member.page.getByTestId("certificate-row").filter({ hasText: "楼道安全隐患排查" })).toContainText("2.5");
    await expect(volunteer.member.page.getByTestId("certificate-total")).toHaveText("2.5");
    await volunteer.context.close();
  });
});

test("an officer sets up a grid with its worker, and sees who is in each grid", async ({ browser }) => {
  const officer = await device(browser, demoInviteCode("daqinglu", "admin"));
  const grids = officer.member.page.getByTestId("grids");
  const form = grids.getByTestId("grid-form");
  await form.getByRole("textbox").first().fill("第九网格");
  await form.getByRole("textbox").nth(1).fill("9号楼—12号楼");
  await form.getByRole("combobox").selectOption({ label: "王智慧" });
  await form.getByRole("button", { name: "保存" }).click();
  const added = grids.getByTestId("grid").filter({ hasText: "第九网格" });
  await expect(added).toContainText(/网格员：\s*王智慧/);
  await expect(added).toContainText("网格成员（0人）");

  // An existing grid lists its members by name.
  const first = grids.locator('[data-testid="grid"][data-grid="g01"]');
  await first.locator("summary").click();
  await expect(first.getByTestId("grid-members")).not.toBeEmpty();
  await officer.context.close();
});
