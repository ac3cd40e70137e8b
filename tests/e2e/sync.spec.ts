// Two devices, two members: offline changes survive reloads, sync, and both
// end with the same data; a reload in the middle of a sync loses nothing; a
// change the server refused shows its notice; with a network and no server,
// the status bar does not say online; signing out never drops a change;
// the module pages name the member's own community.
import { expect, test, type Browser } from "@playwright/test";
import { AppShell } from "./pages/app-shell";
import { CommunityDevice } from "./pages/community-page";
import { demoInviteCode, demoVillagerCode, type DemoRole } from "./support/demo";

async function device(browser: Browser, community: string, role: DemoRole) {
  const context = await browser.newContext();
  const member = new CommunityDevice(await context.newPage());
  await member.join(demoInviteCode(community, role));
  return { context, member };
}

test("two devices change things offline, reload, sync and end the same", async ({ browser }) => {
  const officer = await device(browser, "lianjiaying", "officer");
  const resident = await device(browser, "lianjiaying", "resident");
  await expect(resident.member.notice("乡村夜话：征集村规民约修订建议")).toBeVisible();

  await officer.context.setOffline(true);
  await resident.context.setOffline(true);
  await officer.member.postNotice("周三上午停水通知", "周三8:00至12:00停水，请提前储水。");
  await resident.member.acknowledge("乡村夜话：征集村规民约修订建议");
  await officer.member.expectPending(1);
  await resident.member.expectPending(1);

  // Reloaded with no network, both still show their own changes.
  await officer.member.page.reload();
  await resident.member.page.reload();
  await expect(officer.member.notice("周三上午停水通知")).toBeVisible();
  await officer.member.expectPending(1);
  await expect(resident.member.notice("乡村夜话：征集村规民约修订建议").getByTestId("ack")).toHaveCount(0);
  await resident.member.expectPending(1);

  await officer.context.setOffline(false);
  await resident.context.setOffline(false);
  await officer.member.syncNow();
  await resident.member.syncNow();
  await officer.member.syncNow();

  await expect(resident.member.notice("周三上午停水通知")).toBeVisible();
  await expect(officer.member.notice("乡村夜话：征集村规民约修订建议").getByTestId("ack-count")).toHaveText(/1/);
  expect(await officer.member.boardSummary()).toEqual(await resident.member.boardSummary());
  await officer.context.close();
  await resident.context.close();
});

test("a reload in the middle of a sync loses and doubles nothing", async ({ browser }) => {
  const officer = await device(browser, "daqinglu", "officer");
  const titles = Array.from({ length: 12 }, (_, i) => `楼道安全排查安排 第${i + 1}周`);
  await officer.context.setOffline(true);
  for (const title of titles) await officer.member.postNotice(title);
  await officer.member.expectPending(titles.length);

  await officer.context.setOffline(false);
  // Start a sync and reload at once, while requests are in flight.
  await officer.member.page.getByTestId("sync-now").click();
  await officer.member.page.reload();
  await officer.member.waitUntilSynced();
  await officer.member.syncNow();

  const resident = await device(browser, "daqinglu", "resident");
  for (const title of titles) await expect(resident.member.notice(title)).toHaveCount(1);
  await expect(resident.member.board.getByTestId("notice")).toHaveCount(titles.length + 1);
  await officer.context.close();
  await resident.context.close();
});

test("a change the server refused shows its notice", async ({ browser }) => {
  const worker = await device(browser, "xiyue", "grid-worker");
  const officer = await device(browser, "xiyue", "officer");
  await worker.member.postNotice("楼道堆物清理");
  await worker.member.syncNow();
  await officer.member.syncNow();

  // The grid worker edits offline while the officer deletes the notice.
  await worker.context.setOffline(true);
  await worker.member.editNotice("楼道堆物清理", "楼道堆物清理（改期）");
  await officer.member.deleteNotice("楼道堆物清理");
  await officer.member.syncNow();

  await worker.context.setOffline(false);
  await worker.member.syncNow();
  await expect(worker.member.notice("楼道堆物清理（改期）")).toHaveCount(0);
  const rejection = worker.member.board.getByTestId("rejection");
  await expect(rejection).toContainText("已经不存在");
  await rejection.getByRole("button").click();
  await expect(rejection).toHaveCount(0);
  await worker.context.close();
  await officer.context.close();
});

test("with a network but no answer from the server, the status bar says so, not online", async ({ browser }) => {
  // No service worker: the page's own requests are the ones cut below.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const member = new CommunityDevice(await context.newPage());
  await member.join(demoVillagerCode("lianjiaying", 29), { serviceWorker: false });
  const status = member.page.getByTestId("network-status");
  await expect(status).toHaveText("在线");

  await member.page.route("**/api/v1/**", (route) => route.abort("connectionrefused"));
  await member.page.getByTestId("sync-now").click();
  await expect(status).toHaveText("连不上服务器");
  await expect(status).toHaveAttribute("data-online", "false");

  await member.page.unroute("**/api/v1/**");
  await member.syncNow();
  await expect(status).toHaveText("在线");
  await context.close();
});

test("signing out sends what was not sent first, and while it cannot, refuses and says why", async ({ browser }) => {
  const context = await browser.newContext();
  const member = new CommunityDevice(await context.newPage());
  await member.join(demoVillagerCode("lianjiaying", 28));
  const page = member.page;
  await new AppShell(page).navigateTo("settings");
  await context.setOffline(true);
  await page.getByTestId("account-name").fill("连秀英（三组）");
  await page.getByTestId("account-name").press("Enter");
  await member.expectPending(1);

  // No network: still signed in, told why, the change kept.
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("sign-out-refused")).toContainText("1 项改动没能发到服务器");
  await expect(page.getByTestId("account")).toBeVisible();
  await member.expectPending(1);

  // Back online: the change goes out (the return of the network or the
  // sign-out itself sends it), and only then does the device sign out.
  const sent: string[] = [];
  page.on("response", (response) => {
    const body = response.request().postData() ?? "";
    if (response.url().endsWith("/api/v1/push") && response.ok() && body.includes("连秀英（三组）")) sent.push(body);
  });
  await context.setOffline(false);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("join")).toBeVisible();
  expect(sent.length).toBeGreaterThan(0);
  await context.close();
});

test("each module's page names the member's own community", async ({ browser }) => {
  const context = await browser.newContext();
  const villager = new CommunityDevice(await context.newPage());
  await villager.join(demoVillagerCode("lianjiaying", 27));
  const shell = new AppShell(villager.page);
  for (const route of ["canteen", "rules", "volunteers"] as const) {
    await shell.navigateTo(route);
    await expect(villager.page.getByTestId("community-place")).toHaveText("玉泉区小黑河镇连家营村");
  }
  // Nor does the canteen tell another community's canteen's story.
  await shell.navigateTo("canteen");
  await expect(villager.page.getByTestId("page-canteen")).not.toContainText("魏家宴");
  await context.close();
});

test("a phone whose clock is wrong is told so at its next sync", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Two hours ahead: the cut-offs and the close of a vote it predicts are wrong.
  await page.clock.setFixedTime(Date.now() + 2 * 3600 * 1000);
  const member = new CommunityDevice(page);
  await member.join(demoVillagerCode("lianjiaying", 19));
  await expect(page.getByTestId("clock-warning")).toContainText("快了120分钟");
  await context.close();
});

test("of two tabs on one phone one syncs on its own, the other follows it and takes over when it closes", async ({ browser }) => {
  const context = await browser.newContext();
  const first = new CommunityDevice(await context.newPage());
  await first.join(demoVillagerCode("lianjiaying", 18));

  const secondPage = await context.newPage();
  const secondSyncs: string[] = [];
  secondPage.on("request", (request) => {
    if (/\/api\/v1\/(push|pull)$/.test(request.url())) secondSyncs.push(request.url());
  });
  await secondPage.goto("/");
  const second = new CommunityDevice(secondPage);
  await expect(second.board).toBeVisible();

  // A change in the second tab is sent by the first, and the second sees it sent.
  const pushedByFirst = first.page.waitForRequest(/\/api\/v1\/push$/);
  await second.acknowledge("乡村夜话：征集村规民约修订建议");
  await pushedByFirst;
  await second.expectPending(0);
  await first.expectPending(0);
  expect(secondSyncs).toEqual([]);

  // The first tab closes: the second is elected and syncs.
  await first.page.close();
  await expect.poll(() => secondSyncs.length, { timeout: 15_000 }).toBeGreaterThan(0);
  await context.close();
});

test("a week with no signal: every screen works across daily restarts, changes wait, and all go out when it returns", async ({ browser }) => {
  const context = await browser.newContext();
  const member = new CommunityDevice(await context.newPage());
  await member.join(demoVillagerCode("lianjiaying", 20));
  const page = member.page;
  const shell = new AppShell(page);
  await context.setOffline(true);
  await shell.navigateTo("settings");
  await page.getByTestId("account-name").fill("连淑珍（第一天）");
  await page.getByTestId("account-name").press("Enter");
  await member.expectPending(1);

  // Seven days, the browser closed and opened again each day.
  const start = Date.now();
  for (let day = 1; day <= 7; day++) {
    await page.clock.setFixedTime(start + day * 24 * 3600 * 1000);
    await page.reload();
    await shell.expectOn("settings");
    await member.expectPending(1);
  }
  // The last sync says the day and how long ago, not just a time.
  await expect(page.getByTestId("last-sync")).toContainText("（7天前）");
  for (const route of ["home", "canteen", "rules", "volunteers", "settings"] as const) {
    await shell.navigateTo(route);
  }
  await page.getByTestId("account-name").fill("连淑珍（第七天）");
  await page.getByTestId("account-name").press("Enter");
  await member.expectPending(2);

  // The signal returns: both changes go out, and the phone's clock (a week
  // ahead of the server's here) is pointed out.
  await context.setOffline(false);
  await member.syncNow();
  await expect(page.getByTestId("account-name")).toHaveValue("连淑珍（第七天）");
  await expect(page.getByTestId("clock-warning")).toBeVisible();
  await context.close();
});
