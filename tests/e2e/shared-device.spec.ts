// A tablet several members share (the canteen counter, the village
// meeting): each member added with their own code, a PIN each, changes
// pushed under each one's own token, the chooser after a lock, and nothing
// of a member's lost when another uses the tablet or they sign out.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { CommunityDevice } from "./pages/community-page";
import { SharedDevice } from "./pages/shared-device-page";
import { demoMemberCode } from "./support/demo";
import { OwnServer } from "./support/server";

const TABLET = { width: 800, height: 1280 };

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((violation) => violation.id);
}

/** The members-module entries of the audit log, read as the community's admin. */
async function auditOfMembers(serverUrl: string) {
  const joined = await fetch(`${serverUrl}/api/v1/join`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: demoMemberCode("daqinglu-admin"), deviceName: "test" }),
  });
  const { token } = await joined.json();
  const answer = await fetch(`${serverUrl}/api/v1/audit?module=members&limit=200`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await answer.json()).entries as { memberId: string; deviceId: string; name: string; outcome: string }[];
}

test("two members share a tablet: a PIN each, each change under its own name, nothing lost", async ({ browser }) => {
  const server = await OwnServer.start(8095, { demo: true });
  try {
    const context = await browser.newContext({ baseURL: server.url, viewport: TABLET });
    const page = await context.newPage();
    const first = new CommunityDevice(page);
    const tablet = new SharedDevice(page);

    // The first member joins as on any phone, and sets a PIN.
    await first.join(demoMemberCode("daqinglu-r02"));
    await tablet.setPin("4821");
    await tablet.rename("王桂兰（平板）");
    await first.syncNow();

    // The second is added from the chooser beside her; the chooser is axe-clean.
    await tablet.switchMember();
    expect(await violations(page)).toEqual([]);
    await tablet.addMember(demoMemberCode("daqinglu-r03"));
    await tablet.rename("李福生（平板）");
    await first.syncNow();

    // Offline, the second member changes something, then the tablet goes
    // back to the chooser: his change waits for him, and says so.
    await context.setOffline(true);
    await tablet.rename("李福生（三组）");
    await first.expectPending(1);
    await tablet.switchMember();
    await expect(tablet.member("daqinglu-r03").getByTestId("chooser-unsent")).toBeVisible();
    await expect(tablet.member("daqinglu-r02")).toContainText("王桂兰（平板）");

    // Her PIN: a wrong one is refused and counted, the right one opens her account.
    await tablet.tryOpen("daqinglu-r02", "0000");
    await expect(page.getByTestId("pin-error")).toContainText("还可以再试4次");
    await expect(tablet.chooser).toBeVisible();
    await tablet.typePin("4821");
    await tablet.expectUnlocked();
    await tablet.expectActive("王桂兰（平板）");
    // His unsent change is not hers: she has nothing pending.
    await first.expectPending(0);

    // Back online, he comes back, and his change goes out under his token.
    await context.setOffline(false);
    await tablet.switchMember();
    await tablet.open("daqinglu-r03");
    await tablet.expectActive("李福生（三组）");
    await first.syncNow();

    // Each change was pushed by its own member, from a device of their own.
    const renames = (await auditOfMembers(server.url)).filter(
      (entry) => entry.name === "updateProfile" && entry.outcome === "applied",
    );
    const byMember = new Map<string, Set<string>>();
    for (const entry of renames) {
      byMember.set(entry.memberId, (byMember.get(entry.memberId) ?? new Set()).add(entry.deviceId));
    }
    expect([...byMember.keys()].sort()).toEqual(["daqinglu-r02", "daqinglu-r03"]);
    expect(renames.filter((entry) => entry.memberId === "daqinglu-r03")).toHaveLength(2);
    const [herDevice] = byMember.get("daqinglu-r02")!;
    const [hisDevice] = byMember.get("daqinglu-r03")!;
    expect(herDevice).toBeTruthy();
    expect(herDevice).not.toEqual(hisDevice);

    // Signing him out of the tablet leaves her on it, with her PIN.
    page.once("dialog", (dialog) => dialog.accept());
    await page.goto("/settings");
    await page.getByTestId("sign-out").click();
    await expect(tablet.chooser).toBeVisible();
    await expect(tablet.member("daqinglu-r03")).toHaveCount(0);
    await expect(tablet.member("daqinglu-r02")).toContainText("要输入密码");
    await context.close();
  } finally {
    await server.stop();
  }
});

test("a counter tablet goes back to the chooser after 30 seconds untouched", async ({ browser }) => {
  const server = await OwnServer.start(8095, { demo: true });
  try {
    const context = await browser.newContext({ baseURL: server.url, viewport: TABLET });
    const page = await context.newPage();
    await page.clock.install();
    const member = new CommunityDevice(page);
    const tablet = new SharedDevice(page);
    await member.join(demoMemberCode("daqinglu-r04"));
    await page.goto("/settings");
    await page.getByTestId("lock-after").selectOption({ label: "30秒不碰" });
    await page.goto("/");
    await expect(page.getByTestId("notice-board")).toBeVisible();
    await page.clock.fastForward(40_000);
    await expect(tablet.chooser).toBeVisible();
    await expect(page.getByTestId("notice-board")).toHaveCount(0);
    // The member is still on the tablet: a tap opens them again.
    await tablet.open("daqinglu-r04");
    await expect(page.getByTestId("notice-board")).toBeVisible();
    await context.close();
  } finally {
    await server.stop();
  }
});

test("a second phone of the same member joins with a code from the first", async ({ browser }) => {
  const server = await OwnServer.start(8095, { demo: true });
  try {
    const phone = await browser.newContext({ baseURL: server.url });
    const first = new CommunityDevice(await phone.newPage());
    await first.join(demoMemberCode("daqinglu-r05"));
    await first.page.goto("/settings");
    // The device's pad is filled at its first sync; until it answers, the
    // button says to try again.
    await expect(async () => {
      await first.page.getByTestId("link-make").click();
      await expect(first.page.getByTestId("link-code")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    const code = (await first.page.getByTestId("link-code").innerText()).trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await first.syncNow();

    const other = await browser.newContext({ baseURL: server.url });
    const second = new CommunityDevice(await other.newPage());
    await second.join(code);
    await second.page.goto("/settings");
    // Both phones are the same member's: each lists the two.
    await expect(second.page.getByTestId("device")).toHaveCount(2);
    await expect(second.page.locator('[data-testid="device"][data-this="true"]')).toHaveCount(1);
    await phone.close();
    await other.close();
  } finally {
    await server.stop();
  }
});
