// Page object for the volunteers screen: the grid dashboard's households,
// the case chain, activities with sign-in by member code, and the certificate.
import { expect, type Locator, type Page } from "@playwright/test";

export class VolunteersScreen {
  readonly households: Locator;
  readonly cases: Locator;
  readonly activities: Locator;

  constructor(readonly page: Page) {
    this.households = page.getByTestId("households");
    this.cases = page.getByTestId("cases");
    this.activities = page.getByTestId("activities");
  }

  async open() {
    await this.page.getByTestId("nav-volunteers").click();
    await expect(this.page.getByTestId("my-grid")).toBeVisible();
  }

  household(id: string): Locator {
    return this.households.locator(`[data-testid="household"][data-household="${id}"]`);
  }

  async logVisit(householdId: string, found: string, done: string) {
    const household = this.household(householdId);
    await household.getByTestId("log-visit").click();
    await household.getByTestId("visit-found").fill(found);
    await household.getByTestId("visit-done").fill(done);
    await household.getByTestId("save-visit").click();
  }

  async reportHazard(place: string, text: string) {
    const form = this.page.getByTestId("report-case");
    await form.locator("summary").click();
    await form.getByTestId("case-place").fill(place);
    await form.getByTestId("case-text").fill(text);
    await form.getByTestId("submit-case").click();
  }

  caseAbout(place: string): Locator {
    return this.cases.getByTestId("case").filter({ hasText: place });
  }

  /** The grid worker's next step; waits for the case to reach the status it leads to. */
  async advanceCase(place: string, action: "accept" | "handle" | "feedback", note = "") {
    const next = { accept: "Accepted", handle: "Handled", feedback: "Closed" }[action];
    const card = this.caseAbout(place);
    if (note) await card.getByTestId("case-note").fill(note);
    await card.getByTestId(`case-${action}`).click();
    await expect(card).toHaveAttribute("data-status", next);
  }

  /** The volunteer's sign-in code as shown ("123 456 789"), made first if they have none. */
  async memberCode(): Promise<string> {
    const shown = this.page.getByTestId("member-code-text");
    if ((await shown.count()) === 0) await this.page.getByTestId("member-code-new").click();
    await expect(shown).toHaveText(/^\d{3} \d{3} \d{3}$/);
    return (await shown.innerText()).trim();
  }

  /** A new code, which retires the one shown; waits until the new one shows. */
  async renewMemberCode(): Promise<string> {
    const old = await this.memberCode();
    await this.page.getByTestId("member-code-new").click();
    await expect(this.page.getByTestId("member-code-text")).not.toHaveText(old);
    return (await this.page.getByTestId("member-code-text").innerText()).trim();
  }

  activity(id: string): Locator {
    return this.activities.locator(`[data-testid="activity"][data-activity="${id}"]`);
  }

  /** The organiser types `code` and signs it in, without waiting for a row (a code that may be refused). */
  async trySignIn(activityId: string, code: string) {
    const panel = this.activity(activityId).getByTestId("attendance");
    if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open))) await panel.locator("summary").click();
    await panel.getByTestId("member-code").fill(code);
    await panel.getByTestId("sign-in").click();
  }

  /** The organiser stamps `code` in or out, at `at` ("YYYY-MM-DDTHH:MM" in Hohhot) or now. */
  async stamp(activityId: string, code: string, signIn: boolean, at?: string) {
    const panel = this.activity(activityId).getByTestId("attendance");
    if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open))) await panel.locator("summary").click();
    const rows = panel.getByTestId("attendance-row");
    const before = await rows.count();
    await panel.getByTestId("member-code").fill(code);
    if (at) await panel.getByTestId("stamp-time").fill(at);
    await panel.getByTestId(signIn ? "sign-in" : "sign-out").click();
    // Signed in once the new row shows: a sign-out must not overtake it.
    if (signIn) await expect(rows).toHaveCount(before + 1);
  }

  async openCertificate() {
    await this.page.getByTestId("certificate-link").click();
    await expect(this.page.getByTestId("certificate")).toBeVisible();
  }
}
