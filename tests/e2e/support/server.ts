// Starts a linli-server of a test's own, for tests that must stop it: only a
// server that is really gone proves the app runs from the service worker's
// cache (emulated offline mode may not reach the worker's own requests).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopServer, waitUntilAnswering } from "./process";

const root = join(__dirname, "..", "..", "..");

export class OwnServer {
  private constructor(
    readonly url: string,
    private readonly process: ChildProcess,
    private readonly dataDir: string,
    readonly distDir: string,
  ) {}

  /**
   * Starts a server on `port`. With `ownDist`, it serves a copy of dist/ at
   * `server.distDir` that the test may change (to publish a "new version");
   * with `demo`, it holds the demo communities, whose invite codes then
   * join once more (the shared server's are each used by one test).
   */
  static async start(port: number, { ownDist = false, demo = false } = {}): Promise<OwnServer> {
    const dataDir = mkdtempSync(join(tmpdir(), "linli-own-server-"));
    let distDir = join(root, "dist");
    if (ownDist) {
      distDir = join(dataDir, "dist");
      cpSync(join(root, "dist"), distDir, { recursive: true });
    }
    const child = spawn(
      join(root, "target", "debug", "linli-server"),
      ["--bind", `127.0.0.1:${port}`, "--data-dir", dataDir, "--dist-dir", distDir, ...(demo ? ["--demo"] : [])],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    const url = `http://127.0.0.1:${port}`;
    const server = new OwnServer(url, child, dataDir, distDir);
    await waitUntilAnswering(child, `${url}/api/v1/health`, (status) => status === 200);
    return server;
  }

  /** Stops the server and waits until it has exited. */
  async stop() {
    await stopServer(this.process, this.dataDir);
  }
}
