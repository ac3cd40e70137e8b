// Accessibility of the module screens as a signed-in member sees them, with
// their demo data: axe-core's WCAG 2.1 A and AA rules, no violation allowed.
// Many members are over 60 and some use screen readers or large text.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CommunityDevice } from "./pages/community-page";
import { demoInviteCode, demoMemberCode, demoVillagerCode } from "./support/demo";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}

const screens = [
  { name: "canteen (食堂) as a member", code: () => demoInviteCode("jinyu-wenyuan", "grid-worker"), nav: "nav-canteen", ready: "my-canteen" },
  { name: "village rules (村规民约)", code: () => demoMemberCode("lianjiaying-v33"), nav: "nav-rules", ready: "votes" },
  { name: "volunteers (志愿者) and the certificate", code: () => demoInviteCode("xiyue", "volunteer"), nav: "nav-volunteers", ready: "my-grid" },
];

for (const screen of screens) {
  test(`the ${screen.name} screen has no WCAG A/AA violations`, async ({ browser }) => {
    const context = await browser.newContext();
    const member = new CommunityDevice(await context.newPage());
    await member.join(screen.code());
    await member.page.getByTestId(screen.nav).click();
    await expect(member.page.getByTestId(screen.ready)).toBeVisible();
    expect(await violations(member.page)).toEqual([]);
    if (screen.nav === "nav-volunteers") {
      await member.page.getByTestId("certificate-link").click();
      await expect(member.page.getByTestId("certificate-total")).toHaveText("4.5");
      expect(await violations(member.page)).toEqual([]);
    }
    await context.close();
  });
}

// Many members are over 60: at 200% browser zoom a 360 × 844 phone is 180 ×
// 422 CSS pixels, and large text doubles again what fits. No route may
// scroll sideways, and every item of the bottom bar stays on screen and
// works. The kitchen, the largest screen, is checked by axe here too (only
// canteen staff see it).
test("at 200% zoom with large text on a 360 px phone no route scrolls sideways and every tab can be reached", async ({ browser }) => {
  for (const [code, routes] of [
    [demoInviteCode("jinqiao", "canteen-staff"), ["/", "/canteen", "/volunteers", "/services", "/settings"]],
    [demoVillagerCode("lianjiaying", 21), ["/rules", "/village"]],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 180, height: 422 } });
    const page = await context.newPage();
    const member = new CommunityDevice(page);
    await member.join(code);
    await page.getByTestId("nav-settings").click();
    const largeText = page.getByTestId("large-text").getByRole("switch");
    if (!(await largeText.isChecked())) await largeText.check();
    await expect(page.locator("html")).toHaveClass(/\blarge-text\b/);
    for (const route of routes) {
      await page.goto(route);
      await expect(page.locator("main")).toBeVisible();
      if (route === "/canteen") {
        await expect(page.getByTestId("kitchen")).toBeVisible();
        expect(await violations(page)).toEqual([]);
      }
      // With the elements that stick out named, so that a failure says what to fix.
      const { overflow, sticking } = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const sticking = [...document.querySelectorAll("body *")]
          .filter((element) => element.getBoundingClientRect().right > width + 1)
          .slice(0, 5)
          .map((element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> “${(element.textContent ?? "").slice(0, 40)}”`);
        return { overflow: document.documentElement.scrollWidth - width, sticking };
      });
      expect(overflow, `${route} scrolls sideways: ${sticking.join("; ")}`).toBeLessThanOrEqual(0);
      for (const tab of await page.locator(".bottom-nav a").all()) {
        const box = await tab.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 180 && box.height >= 48, `${route}: a tab off screen or too small`).toBe(true);
      }
    }
    // The last tab works, and takes the member there.
    await page.getByTestId("nav-settings").click();
    await expect(page).toHaveURL(/\/settings$/);
    await context.close();
  }
});
