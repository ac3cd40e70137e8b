// Page object for the canteen screen: ordering, the member's records and the kitchen.
import { expect, type Locator, type Page } from "@playwright/test";

export class CanteenScreen {
  readonly orderForm: Locator;
  readonly mine: Locator;
  readonly kitchen: Locator;

  constructor(readonly page: Page) {
    this.orderForm = page.getByTestId("order-form");
    this.mine = page.getByTestId("my-canteen");
    this.kitchen = page.getByTestId("kitchen");
  }

  async open() {
    await this.page.getByTestId("nav-canteen").click();
    await expect(this.orderForm).toBeVisible();
  }

  async addDish(dishId: string) {
    await this.orderForm.locator(`[data-dish="${dishId}"]`).getByTestId("add").click();
  }

  async placeOrder() {
    await this.orderForm.getByTestId("place-order").click();
    await expect(this.orderForm.getByRole("status")).toBeVisible();
  }

  /** The order form's day (YYYY-MM-DD). */
  async chooseOrderDate(date: string) {
    await this.orderForm.getByTestId("meal-date").fill(date);
  }

  /** Staff: the kitchen's day (YYYY-MM-DD); it opens on today. */
  async chooseKitchenDate(date: string) {
    await this.kitchen.getByTestId("meal-date").fill(date);
  }

  /** The pickup code the order form shows for the order just placed. */
  async orderedPickupCode(): Promise<string> {
    return (await this.orderForm.getByTestId("ordered-pickup-code").innerText()).trim();
  }

  async checkIn(code: string) {
    const form = this.kitchen.getByTestId("check-in");
    await form.getByRole("textbox").fill(code);
    await form.getByRole("button").click();
  }

  async pauseFirstSubscription() {
    await this.mine.getByTestId("subscription").first().getByTestId("pause").click();
  }

  endDate(): Locator {
    return this.mine.getByTestId("subscription").first().getByTestId("end-date");
  }

  /** The member's own statement, opened. */
  async openStatement(): Promise<Locator> {
    const details = this.mine.getByTestId("my-statement");
    if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator("summary").click();
    return details.getByTestId("statement");
  }

  /** Staff: top up a member's balance (by name) at the counter; the member's statement as staff see it. */
  async topUp(memberName: string, yuan: string): Promise<Locator> {
    const form = this.kitchen.getByTestId("top-up");
    await form.getByRole("combobox").selectOption({ label: memberName });
    await form.getByRole("textbox").fill(yuan);
    await form.getByRole("button").click();
    return this.kitchen.getByTestId("member-ledger").getByTestId("statement");
  }

  /** Staff: change a dish's price in the menu editor (by its Chinese name). */
  async changeDishPrice(nameZh: string, yuan: string) {
    const editor = this.kitchen.getByTestId("menu-editor");
    if (!(await editor.evaluate((element) => (element as HTMLDetailsElement).open))) await editor.locator("summary").click();
    await editor.locator("li").filter({ hasText: nameZh }).getByTestId("edit-dish").click();
    const form = editor.locator("form.add-dish");
    await expect(form.getByRole("textbox").first()).toHaveValue(nameZh);
    await form.locator('input[inputmode="decimal"]').fill(yuan);
    await form.locator('button[type="submit"]').click();
  }

  /** Staff: the time orders for lunch close, on the meal's day. */
  async setLunchCutoff(time: string) {
    const settings = this.kitchen.getByTestId("canteen-settings");
    await settings.locator("summary").click();
    await settings.locator("fieldset").nth(1).locator('input[type="time"]').fill(time);
    await settings.locator('button[type="submit"]').click();
  }
}
