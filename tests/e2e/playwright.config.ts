// End-to-end tests: Debian's Chromium against the real server serving the
// release build. Run through `./dev.sh test`, which builds both first.
import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = Number(process.env.LINLI_E2E_PORT ?? 8091);
export const baseURL = `http://127.0.0.1:${port}`;
const root = join(__dirname, "..", "..");
const dataDir = mkdtempSync(join(tmpdir(), "linli-e2e-"));

// Flags for a closed network: without them Chromium keeps calling home.
export const chromiumArgs = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: ".",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL,
    serviceWorkers: "allow",
    launchOptions: { executablePath, args: chromiumArgs },
  },
  webServer: {
    command: `${join(root, "target", "debug", "linli-server")} --bind 127.0.0.1:${port} --data-dir ${dataDir} --dist-dir ${join(root, "dist")} --demo`,
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
