// Page object for the frame every screen shares: the status bar, the bottom
// navigation, and the service worker behind them.
import { expect, type Locator, type Page } from "@playwright/test";

export type Route = "home" | "canteen" | "rules" | "volunteers" | "settings";

export const ROUTES: Record<Route, string> = {
  home: "/",
  canteen: "/canteen",
  rules: "/rules",
  volunteers: "/volunteers",
  settings: "/settings",
};

export class AppShell {
  readonly networkStatus: Locator;

  constructor(readonly page: Page) {
    this.networkStatus = page.getByTestId("network-status");
  }

  async open(route: Route = "home") {
    await this.page.goto(ROUTES[route]);
    await this.expectOn(route);
  }

  /** Resolves once the service worker has installed the shell and controls this page. */
  async waitUntilOfflineReady() {
    await this.page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  }

  async navigateTo(route: Exclude<Route, "home"> | "home") {
    await this.page.getByTestId(`nav-${route}`).click();
    await this.expectOn(route);
  }

  /** The route's page is rendered, with its heading. */
  async expectOn(route: Route) {
    if (route === "settings") {
      await expect(this.page.locator("#settings-title")).toBeVisible();
    } else {
      await expect(this.page.getByTestId(`page-${route}`).getByRole("heading", { level: 1 })).toBeVisible();
    }
    await expect(this.page.getByTestId(`nav-${route}`)).toHaveAttribute("aria-current", "page");
  }

  async expectOffline() {
    await expect(this.networkStatus).toHaveAttribute("data-online", "false");
  }

  async expectOnline() {
    await expect(this.networkStatus).toHaveAttribute("data-online", "true");
  }
}
