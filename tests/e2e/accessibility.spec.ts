// Accessibility of the module screens as a signed-in member sees them, with
// their demo data: axe-core's WCAG 2.1 A and AA rules, no violation allowed.
// Many members are over 60 and some use screen readers or large text.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CommunityDevice } from "./pages/community-page";
import { demoInviteCode, demoMemberCode } from "./support/demo";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}

const screens = [
  { name: "canteen (食堂) as a member", code: () => demoInviteCode("jinyu-wenyuan", "grid-worker"), nav: "nav-canteen", ready: "my-canteen" },
  // The kitchen is the largest screen, and only canteen staff see it.
  { name: "canteen kitchen (厨房) as its staff", code: () => demoInviteCode("jinqiao", "canteen-staff"), nav: "nav-canteen", ready: "kitchen" },
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
