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

  async pickupCode(): Promise<string> {
    return (await this.mine.getByTestId("pickup-code").innerText()).trim();
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
}
