// The first load carries the shell only: each module's screens, the notice
// board, and the sync engine (the rules the sync client runs and its
// exchange with the server) are wasm modules of their own
// (scripts/split-wasm.sh), fetched when first needed. The service worker
// precaches them all (offline.spec.ts covers that); it is blocked here, so
// only the page's own fetches are seen and a first visit's dropped network
// can be played.
import { expect, test, type Page } from "@playwright/test";
import { AppShell } from "./pages/app-shell";
import { CommunityDevice } from "./pages/community-page";
import { demoInviteCode, demoVillagerCode } from "./support/demo";

test.use({ serviceWorkers: "block" });

const SCREEN_MODULE = /\/split_(\w+?)_screen-[0-9a-f]+\.wasm$/;
const SYNC_ENGINE = /\/split_sync_engine-[0-9a-f]+\.wasm$/;
/** The reader of a member's stored records (src/sync/restore.rs). */
const RESTORE = /\/split_restore-[0-9a-f]+\.wasm$/;
/** What only a member who has joined needs. */
const MEMBER_MODULE = /\/split_(notice_board|restore|sync_engine)-[0-9a-f]+\.wasm$/;

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

test("a first visit fetches neither the notice board, the reader of stored records nor the sync engine; joining fetches each once", async ({ page }) => {
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
  expect(fetched.sort()).toEqual(["notice_board", "restore", "sync_engine"]);
});

test("while the reader of stored records cannot be fetched, a member's reopened app says the server is out of reach, and shows their community once it comes", async ({ page }) => {
  const villager = new CommunityDevice(page);
  await villager.join(demoVillagerCode("lianjiaying", 23), { serviceWorker: false });
  const restore = await failFetches(page, RESTORE);
  await page.reload();

  await expect(page.getByTestId("sync-problem")).toContainText("连不上服务器");
  await expect(page.getByTestId("notice-board")).toHaveCount(0);
  await expect(page.getByTestId("join")).toHaveCount(0);

  // Tried again on its own, 2 s later and then less often.
  await restore();
  await expect(page.getByTestId("notice-board")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("sync-problem")).toHaveCount(0);
});

test("while the sync engine cannot be fetched, a change is refused with the reason and a sync counts as offline; once it comes, both go through", async ({ page }) => {
  const admin = new CommunityDevice(page);
  await admin.join(demoInviteCode("xiyue", "admin"), { serviceWorker: false });
  const restore = await failFetches(page, SYNC_ENGINE);
  await page.reload();

  await expect(page.getByTestId("sync-problem")).toContainText("连不上服务器");
  const form = page.getByTestId("post-notice");
  await form.getByRole("textbox").first().fill("周六义诊");
  await form.getByRole("button").click();
  await expect(page.getByText("这项改动需要的程序还没有下载到本机")).toBeVisible();
  await admin.expectPending(0);

  await restore();
  await form.getByRole("button").click();
  await expect(admin.notice("周六义诊")).toBeVisible();
  // Pending back to 0 with no problem shown: the server has the notice.
  await admin.syncNow();
});
