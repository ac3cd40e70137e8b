// Members over time, in real browsers against the real server: a lost phone
// signed out from another device with nothing typed on it lost, roles raised
// and lowered, a member who left, and the audit log that shows who did what.
// 金桥社区's officer, admin, volunteer, grid worker and canteen staff are
// this file's (their demo codes join once).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { CommunityDevice } from "./pages/community-page";
import { AuditScreen, DevicesCard, MembersScreen } from "./pages/members-page";
import { demoInviteCode } from "./support/demo";
import { OwnServer } from "./support/server";

async function device(browser: Browser, code: string) {
  const context = await browser.newContext();
  const member = new CommunityDevice(await context.newPage());
  await member.join(code);
  return member;
}

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}

test("a lost phone is signed out from another device, and what it had not sent arrives once it joins again", async ({ browser }) => {
  const officer = await device(browser, demoInviteCode("jinqiao", "officer"));
  const lostPhone = await device(browser, demoInviteCode("jinqiao", "volunteer"));
  const members = new MembersScreen(officer.page);
  await members.open();
  const newPhoneCode = await members.giveInviteCode("韩雪");
  await officer.syncNow();
  const newPhone = await device(browser, newPhoneCode);

  // Typed on the phone with no network, before it was lost: not sent yet.
  await new DevicesCard(lostPhone.page).open();
  await lostPhone.page.context().setOffline(true);
  await lostPhone.page.getByTestId("account-name").fill("韩雪（二组）");
  await lostPhone.page.getByTestId("account-name").press("Enter");
  await lostPhone.expectPending(1);

  const devices = new DevicesCard(newPhone.page);
  await devices.open();
  await expect(devices.thisDevice()).toHaveCount(1);
  expect(await violations(newPhone.page)).toEqual([]);
  await devices.signOutTheOther();
  await newPhone.syncNow();

  // Found again, back on the network: its sync is refused, in plain words,
  // and the change stays.
  await lostPhone.page.context().setOffline(false);
  await lostPhone.page.getByTestId("sync-now").click();
  await expect(lostPhone.page.getByTestId("signed-out")).toBeVisible();
  await expect(lostPhone.page.getByTestId("sync-problem")).toBeVisible();
  await lostPhone.expectPending(1);

  const rejoinCode = await members.giveInviteCode("韩雪");
  await officer.syncNow();
  const join = lostPhone.page.getByTestId("join");
  await join.getByRole("textbox").fill(rejoinCode);
  await join.getByRole("button").click();
  await lostPhone.waitUntilSynced();
  await expect(lostPhone.page.getByTestId("signed-out")).toHaveCount(0);

  await newPhone.syncNow();
  await expect(newPhone.page.getByTestId("account-name")).toHaveValue("韩雪（二组）");
  await expect(devices.others()).toHaveCount(1);
});

test("an admin raises and lowers a member's roles, records one who left, and the audit log shows who did it", async ({ browser }) => {
  const admin = await device(browser, demoInviteCode("jinqiao", "admin"));
  const worker = await device(browser, demoInviteCode("jinqiao", "grid-worker"));
  const members = new MembersScreen(admin.page);
  await members.open();
  expect(await violations(admin.page)).toEqual([]);

  await members.setRoles("郭建军", ["grid_worker", "officer"]);
  await admin.syncNow();
  await worker.page.getByTestId("nav-settings").click();
  await worker.syncNow();
  await expect(worker.page.getByTestId("account-roles")).toContainText("村（社区）干部");
  await expect(worker.page.getByTestId("members-link")).toBeVisible();

  await members.setRoles("郭建军", ["grid_worker"]);
  await admin.syncNow();
  await worker.syncNow();
  await expect(worker.page.getByTestId("account-roles")).not.toContainText("村（社区）干部");
  await expect(worker.page.getByTestId("members-link")).toHaveCount(0);

  await members.recordLeft("马春燕");
  await admin.syncNow();

  const audit = new AuditScreen(admin.page);
  await audit.open();
  await expect(audit.entries("setMemberRoles")).toHaveCount(2);
  await expect(audit.entries("deactivateMember")).toHaveCount(1);
  await expect(audit.entries("setMemberRoles").first().getByTestId("audit-who")).toHaveText("周涛");
  expect(await violations(admin.page)).toEqual([]);

  await audit.filterByModule("canteen");
  await expect(audit.entries("setMemberRoles")).toHaveCount(0);
  await audit.filterByModule("members");
  await audit.filterByMember("郭建军");
  await expect(audit.entries("join")).toHaveCount(1);
  await expect(audit.entries("setMemberRoles")).toHaveCount(0);
});

test("guessing invite codes is stopped with a plain message saying how long to wait", async ({ browser }) => {
  // A server of its own: the shared one's limit for this address must stay
  // free for the other tests' joins.
  const server = await OwnServer.start(8096);
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/");
    const join = page.getByTestId("join");
    // Wrong codes until the server stops listening to this address.
    let refused = 0;
    for (let tries = 0; tries < 40 && refused === 0; tries++) {
      await join.getByRole("textbox").fill("2222-2222-2222");
      const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/join"));
      await join.getByRole("button").click();
      if ((await answer).status() === 429) refused = tries;
      else await expect(join.getByRole("alert")).toContainText("邀请码不对");
    }
    expect(refused).toBeGreaterThanOrEqual(30);
    await expect(join.getByRole("alert")).toHaveText(/试的次数太多了，请 \d+ 秒后再试。/);
    expect(await violations(page)).toEqual([]);
    await context.close();
  } finally {
    await server.stop();
  }
});
