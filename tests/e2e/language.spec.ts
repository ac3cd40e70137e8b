// The member's language reaches the data too: in English a villager reads
// a vote's default options and their community's name in English, and the
// figures table fits a 360 px phone.
import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app-shell";
import { CommunityDevice } from "./pages/community-page";
import { RulesScreen } from "./pages/rules-page";
import { SettingsPage } from "./pages/settings-page";
import { demoVillagerCode } from "./support/demo";

test("in English a villager reads the default vote options and the community's name, on a 360 px phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  const member = new CommunityDevice(page);
  await member.join(demoVillagerCode("lianjiaying", 25));
  const settings = new SettingsPage(page);
  await new AppShell(page).open("settings");
  await settings.chooseEnglish();
  await settings.expectLanguage("en");
  await expect(page.getByTestId("account-community")).toContainText("Lianjiaying Village");

  const rules = new RulesScreen(page);
  await rules.open();
  const vote = rules.vote("vote-waste");
  for (const option of ["For", "Against", "Abstain"]) await expect(vote.getByRole("radio", { name: option })).toBeVisible();
  await expect(vote.getByRole("radio", { name: "赞成" })).toHaveCount(0);

  const figures = page.getByTestId("figures");
  await figures.locator("details").first().locator("summary").click();
  await expect(figures.locator("table").first()).toBeVisible();
  const overflow = await figures.evaluate((section) => section.scrollWidth - section.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
