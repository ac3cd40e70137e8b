// The first load carries the shell only: each module's screens, the notice
// board, and the sync client's rules and exchange with the server are wasm
// modules of their own
// (scripts/split-wasm.sh), fetched when first needed. The service worker
// precaches them all (offline.spec.ts covers that); it is blocked here, so
// only the page's own fetches are seen and a first visit's dropped network
// can be played.
import { expect, test, type Page } from "@playwright/test";
import { AppShell } from "./pages/app-shell";
import { CommunityDevice } from "./pages/community-page";
import { demoInviteCode } from "./support/demo";

test.use({ serviceWorkers: "block" });

const SCREEN_MODULE = /\/split_(\w+?)_screen-[0-9a-f]+\.wasm$/;
const RULES_MODULE = /\/split_rules-[0-9a-f]+\.wasm$/;
const EXCHANGE_MODULE = /\/split_exchange-[0-9a-f]+\.wasm$/;
/** What only a member who has joined needs. */
const MEMBER_MODULE = /\/split_(notice_board|exchange)-[0-9a-f]+\.wasm$/;

/** Makes requests for modules matching `pattern` fail, as a dropped network would, until the returned function is called. */
async function failFetches(page: Page, pattern: RegExp) {
  const fail = (route: import("@playwright/test").Route) => route.abort("internetdisconnected");
  await page.route(pattern, fail);
  return () => page.unroute(pattern, fail);
}

test("a module's screens are fetched when the module is first opened, once", async ({ page }) => {
  const fetchedScreens: string[] = [];
  page.on("request", (request) => {
    const screen = SCREEN_MODULE.exec(new URL(request.url()).pathname);
    if (screen) fetchedScreens.push(screen[1]);
  });
  const shell = new AppShell(page);

  await shell.open("home");
  expect(fetchedScreens).toEqual([]);

  await shell.navigateTo("rules");
  expect(fetchedScreens).toEqual(["rules"]);
  await shell.navigateTo("canteen");
  await shell.navigateTo("rules");
  expect(fetchedScreens).toEqual(["rules", "canteen"]);
});

test("a screen that cannot be fetched says so, and comes when tried again", async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open("home");
  const restore = await failFetches(page, SCREEN_MODULE);
  await page.getByTestId("nav-volunteers").click();
  const unavailable = page.getByTestId("screen-unavailable");
  await expect(unavailable.getByRole("alert")).toContainText("还没有下载到本机");

  await restore();
  await unavailable.getByRole("button", { name: "再试一次" }).click();
  await shell.expectOn("volunteers");
});

test("a change made before the rules could be fetched is refused with the reason, and made once they come", async ({ page }) => {
  const restore = await failFetches(page, RULES_MODULE);
  const officer = new CommunityDevice(page);
  await officer.join(demoInviteCode("jinqiao", "officer"), { serviceWorker: false });

  const form = page.getByTestId("post-notice");
  await form.getByRole("textbox").first().fill("周五停水");
  await form.getByRole("button").click();
  await expect(page.getByText("这项改动需要的程序还没有下载到本机")).toBeVisible();
  await officer.expectPending(0);

  await restore();
  await form.getByRole("button").click();
  await expect(officer.notice("周五停水")).toBeVisible();
});

test("a first visit fetches neither the notice board nor the exchange with the server; joining fetches each once", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    const module = MEMBER_MODULE.exec(new URL(request.url()).pathname);
    if (module) fetched.push(module[1]);
  });
  await new AppShell(page).open("home");
  await expect(page.getByTestId("join")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(fetched).toEqual([]);

  const resident = new CommunityDevice(page);
  await resident.join(demoInviteCode("xiyue", "resident"), { serviceWorker: false });
  await resident.syncNow();
  expect(fetched.sort()).toEqual(["exchange", "notice_board"]);
});

test("a sync that cannot fetch its exchange with the server counts as offline, and goes through once it comes", async ({ page }) => {
  const admin = new CommunityDevice(page);
  await admin.join(demoInviteCode("xiyue", "admin"), { serviceWorker: false });
  const restore = await failFetches(page, EXCHANGE_MODULE);
  await page.reload();

  await expect(page.getByTestId("sync-problem")).toContainText("连不上服务器");
  await admin.postNotice("周六义诊");
  await admin.expectPending(1);

  await restore();
  // Pending back to 0 with no problem shown: the server has the notice.
  await admin.syncNow();
});
