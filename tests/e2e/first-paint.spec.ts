// A visitor who opens a module's address cold reads its heading and
// introduction as soon as index.html and the stylesheet have arrived, not
// once the shell and the module's part have (index.html's first-paint
// script, scripts/first-paint.py, src/lib.rs). The lines stay
// while the app starts, and the module's page replaces them with the same
// ones in the same places, so the largest paint is the early one and
// nothing moves.
import { expect, test, type Page, type Route } from "@playwright/test";

test.use({ serviceWorkers: "block" });

const SHELL = /\/linli-[0-9a-f]+_bg\.wasm$/;
const MODULE_PAGES = ["canteen", "rules", "volunteers", "services", "village"];

/** Holds every request matching `pattern` until the returned function is called. */
async function hold(page: Page, pattern: RegExp) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route: Route) => {
    await released;
    // A request the page gave up on meanwhile (it navigated) has nothing to continue.
    await route.continue().catch(() => {});
  });
  return release;
}

/** Records the largest-contentful-paint and layout-shift entries from the page's start. */
async function watchPaints(page: Page) {
  await page.addInitScript(() => {
    const seen = window as unknown as { largestPaints: number[]; layoutShift: number };
    seen.largestPaints = [];
    seen.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.largestPaints.push(entry.startTime);
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) seen.layoutShift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** The painted lines of the page's first section: each line's class (or tag) and text. */
function lines(page: Page, section: string) {
  return page.locator(section).evaluate((element) =>
    [...element.children].map((line) => [line.className || line.tagName.toLowerCase(), line.textContent]),
  );
}

const leadTop = (page: Page, section: string) =>
  page.locator(`${section} > .lead`).evaluate((lead) => lead.getBoundingClientRect().top);

for (const module of MODULE_PAGES) {
  test(`a visitor opening /${module} cold reads its heading and introduction before the app has started`, async ({
    page,
  }) => {
    await watchPaints(page);
    const releaseShell = await hold(page, SHELL);
    const releaseModule = await hold(page, new RegExp(`/split_${module}_screen-[0-9a-f]+\\.wasm$`));
    await page.goto(`/${module}`, { waitUntil: "commit" });

    // Painted by index.html alone: the shell's wasm has not arrived.
    const painted = page.locator("#first-paint section");
    await expect(painted.getByRole("heading", { level: 1 })).not.toBeEmpty();
    const paintedLines = await lines(page, "#first-paint section");
    expect(paintedLines.map(([line]) => line)).toContain("lead");
    const paintedTop = await leadTop(page, "#first-paint section");

    // The app has started; the painted lines stay while the module comes.
    releaseShell();
    await expect(page.getByRole("navigation")).toBeVisible();
    await expect(page.getByTestId("network-status")).toBeHidden();
    await expect(page.locator("#first-paint").getByRole("status")).toBeVisible();
    expect(await lines(page, "#first-paint section")).toEqual(paintedLines);
    expect(await leadTop(page, "#first-paint section")).toBeCloseTo(paintedTop, 0);
    const moduleRequested = await page.evaluate(() => performance.now());

    // The module's page replaces them with the same lines in the same places.
    releaseModule();
    const rendered = `[data-testid="page-${module}"]`;
    await expect(page.locator(rendered)).toBeVisible();
    await expect(page.locator("#first-paint")).toHaveCount(0);
    await expect(page.getByTestId("network-status")).toBeVisible();
    const renderedLines = (await lines(page, rendered)).filter(([line]) => ["h1", "note", "lead"].includes(line!));
    expect(renderedLines.slice(0, paintedLines.length)).toEqual(paintedLines);
    expect(await leadTop(page, rendered)).toBeCloseTo(paintedTop, 0);

    const { largestPaints, layoutShift } = await page.evaluate(() => {
      const seen = window as unknown as { largestPaints: number[]; layoutShift: number };
      return { largestPaints: seen.largestPaints, layoutShift: seen.layoutShift };
    });
    // The largest paint came before the module was even let through.
    expect(largestPaints.length).toBeGreaterThan(0);
    expect(Math.max(...largestPaints)).toBeLessThan(moduleRequested);
    expect(layoutShift).toBeLessThan(0.02);
  });
}

test("the first paint is in the language the visitor chose, with large text", async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem("linli.settings.v1", JSON.stringify({ lang: "en", large_text: true })),
  );
  const releaseShell = await hold(page, SHELL);
  await page.goto("/rules", { waitUntil: "commit" });
  await expect(page.locator("#first-paint h1")).toHaveText("Village rules");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveClass(/large-text/);
  releaseShell();
  await expect(page.getByTestId("page-rules").getByRole("heading", { level: 1 })).toHaveText("Village rules");
});

test("a member's device, and the home page, start without a painted page", async ({ page }) => {
  const releaseShell = await hold(page, SHELL);
  // The script has run once what follows it in the body has been parsed.
  const parsed = () => page.locator("body > noscript").waitFor({ state: "attached" });
  await page.goto("/", { waitUntil: "commit" });
  await parsed();
  await expect(page.locator("#first-paint")).toHaveCount(0);

  await page.evaluate(() => localStorage.setItem("linli.signed-in", "1"));
  await page.goto("/rules", { waitUntil: "commit" });
  await parsed();
  await expect(page.locator("#first-paint")).toHaveCount(0);
  releaseShell();
  await expect(page.getByTestId("page-rules")).toBeVisible();
});
