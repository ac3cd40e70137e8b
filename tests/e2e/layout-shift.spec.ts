// The home page does not move under the reader's finger as it fills in:
// whether the device holds a member is known only once IndexedDB answers,
// and the notice board arrives in a part of its own, so the page keeps their
// place from the first paint. Cumulative layout shift, as the browser's
// layout-shift entries add it up (what Lighthouse reports), stays under
// 0.02 on a first visit and on a member's return.
import { expect, test, type Page } from "@playwright/test";
import { CommunityDevice } from "./pages/community-page";
import { demoVillagerCode } from "./support/demo";

/** Adds up every layout shift not caused by input, from the page's start. */
async function watchLayoutShift(page: Page) {
  await page.addInitScript(() => {
    const seen = window as unknown as { layoutShift: number };
    seen.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) seen.layoutShift += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);

test("a first visit's home page does not shift as the join form appears", async ({ page }) => {
  await watchLayoutShift(page);
  await page.goto("/");
  await expect(page.getByTestId("join")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await layoutShift(page)).toBeLessThan(0.02);
});

test("a member's home page does not shift as their notice board appears", async ({ page }) => {
  const member = new CommunityDevice(page);
  await member.join(demoVillagerCode("lianjiaying", 11));
  await watchLayoutShift(page);
  await page.reload();
  await expect(page.getByTestId("notice")).not.toHaveCount(0);
  await member.waitUntilSynced();
  await page.waitForLoadState("networkidle");
  expect(await layoutShift(page)).toBeLessThan(0.02);
});
