// Reading aloud for members who read with difficulty: a notice, a vote's
// question and options, and the charter's articles are spoken in Chinese
// with the phone's voice; a phone with no Chinese voice says so.
import { expect, test } from "@playwright/test";
import { CommunityDevice } from "./pages/community-page";
import { RulesScreen } from "./pages/rules-page";
import { demoVillagerCode } from "./support/demo";
import { recordSpeech, spoken } from "./support/speech";

test("a notice, a vote and the charter are read aloud in Chinese", async ({ browser }) => {
  const context = await browser.newContext();
  await recordSpeech(context, ["en-US", "zh-CN"]);
  const member = new CommunityDevice(await context.newPage());
  await member.join(demoVillagerCode("lianjiaying", 24));
  const page = member.page;

  const notice = page.getByTestId("notice").first();
  const title = (await notice.locator(".notice-title").innerText()).trim();
  await notice.getByTestId("read-aloud").click();
  await expect.poll(async () => (await spoken(page)).at(-1)).toEqual({ text: expect.stringContaining(title), lang: "zh-CN" });

  const rules = new RulesScreen(page);
  await rules.open();
  await rules.vote("vote-waste").getByTestId("read-aloud").click();
  await expect.poll(async () => (await spoken(page)).at(-1)?.text).toBe("是否把第五条改为垃圾四分类? 赞成，反对，弃权");

  await rules.charter.getByTestId("read-aloud").click();
  await expect.poll(async () => (await spoken(page)).at(-1)?.text).toContain("第");
  await expect(page.getByTestId("read-aloud-unavailable")).toHaveCount(0);
  await context.close();
});

test("a phone with no Chinese voice says it cannot read aloud", async ({ browser }) => {
  const context = await browser.newContext();
  await recordSpeech(context, ["en-US"]);
  const member = new CommunityDevice(await context.newPage());
  await member.join(demoVillagerCode("lianjiaying", 22));
  const notice = member.page.getByTestId("notice").first();
  await notice.getByTestId("read-aloud").click();
  await expect(notice.getByTestId("read-aloud-unavailable")).toContainText("不能朗读中文");
  expect(await spoken(member.page)).toEqual([]);
  await context.close();
});
