// Starts a linli-server of a test's own, for tests that must stop it: only a
// server that is really gone proves the app runs from the service worker's
// cache (emulated offline mode may not reach the worker's own requests).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
   * `server.distDir` that the test may change (to publish a "new version").
   */
  static async start(port: number, { ownDist = false } = {}): Promise<OwnServer> {
    const dataDir = mkdtempSync(join(tmpdir(), "linli-own-server-"));
    let distDir = join(root, "dist");
    if (ownDist) {
      distDir = join(dataDir, "dist");
      cpSync(join(root, "dist"), distDir, { recursive: true });
    }
    const child = spawn(
      join(root, "target", "debug", "linli-server"),
      ["--bind", `127.0.0.1:${port}`, "--data-dir", dataDir, "--dist-dir", distDir],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    const url = `http://127.0.0.1:${port}`;
    const server = new OwnServer(url, child, dataDir, distDir);
    const exited = new Promise<never>((_, reject) =>
      child.once("exit", (code) => reject(new Error(`linli-server exited early with code ${code}`))),
    );
    await Promise.race([server.waitUntilHealthy(), exited]);
    return server;
  }

  private async waitUntilHealthy() {
    for (;;) {
      try {
        if ((await fetch(`${this.url}/api/v1/health`)).ok) return;
      } catch {
        // Not listening yet: the 'exit' race above ends this loop if it never will.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops the server and waits until it has exited. */
  async stop() {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once("exit", resolve));
      this.process.kill("SIGTERM");
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
