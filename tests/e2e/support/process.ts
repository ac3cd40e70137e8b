// What the tests' own server processes share: waiting until one answers
// (or failing at once if it exits first), and stopping it for good.
import { type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

/**
 * Resolves once `url` answers with a status `ready` accepts; rejects as soon
 * as `child` exits instead. Polled: nothing tells a test when a port opens.
 */
export async function waitUntilAnswering(
  child: ChildProcess,
  url: string,
  ready: (status: number) => boolean,
): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`linli-server exited early with code ${code}`))),
  );
  const answering = (async () => {
    for (;;) {
      try {
        if (ready((await fetch(url, { redirect: "manual" })).status)) return;
      } catch {
        // Not listening yet: the exit above ends the wait if it never will.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.race([answering, exited]);
}

/** Stops `child` with SIGTERM, waits until it has exited, and removes its data. */
export async function stopServer(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}
