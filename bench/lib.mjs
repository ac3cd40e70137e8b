// What the UI benchmarks share: demo invite codes, the API, pushing data in
// batches, and a headless Chromium device that joins and finishes its first sync.
import { chromium } from "playwright-core";
import { createHash } from "node:crypto";

export const base = process.env.LINLI_BENCH_URL;
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** A seeded demo member's invite code, derived as the server's seed derives it. */
export const code = (member) =>
  Array.from(createHash("sha256").update(`linli-demo-invite:${member}`).digest().subarray(0, 12), (b) => ALPHABET[b % 31]).join("");

/** China Standard Time's date `offsetDays` from today, as the app and the server count days. */
export const chinaDate = (offsetDays) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);

export async function post(path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Joins as `member` and pushes `mutations` in batches of 100; throws on any refusal. */
export async function pushAs(member, mutations) {
  const token = (await post("/api/v1/join", { code: code(member) })).token;
  let id = 1;
  for (let start = 0; start < mutations.length; start += 100) {
    const batch = mutations.slice(start, start + 100).map((m) => ({ clientID: "bench-c", id: id++, timestamp: Date.now(), ...m }));
    const answer = await post("/api/v1/push", { pushVersion: 1, clientGroupID: "bench-g", mutations: batch, profileID: "", schemaVersion: "1" }, token);
    if (answer.rejected) throw new Error(`rejected: ${JSON.stringify(answer)}`);
  }
}

/** A phone-sized page that joins as `member`; returns it with the first sync's duration in ms. */
export async function deviceAfterFirstSync(member) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
  });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(base);
  await page.getByTestId("join").getByRole("textbox").fill(code(member));
  const started = Date.now();
  await page.getByTestId("join").getByRole("button").click();
  await page.getByTestId("notice-board").waitFor();
  await page.getByTestId("last-sync").filter({ hasText: /上次同步/ }).waitFor({ timeout: 120_000 });
  return { browser, page, syncMs: Date.now() - started };
}

/** Types each text into `selector`, timing each from the input event to the next frame. */
export async function keystrokeTimes(page, selector, texts) {
  const times = await page.evaluate(
    async ([selector, texts]) => {
      const input = document.querySelector(selector);
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const times = [];
      for (const text of texts) {
        const t0 = performance.now();
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await frame();
        times.push(performance.now() - t0);
      }
      return times;
    },
    [selector, texts],
  );
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1), count: times.length };
}
