// A linli-server as a village office runs it: the one-file binary (the app
// inside it, no --dist-dir), HTTPS with a certificate from its own local
// authority (`linli-server local-ca`) for the name linli.test, and the
// plain-HTTP listener beside it. The browser reaches it at linli.test
// (Chromium's --host-resolver-rules) and trusts the authority by its key
// (--ignore-certificate-errors-spki-list, which Chromium honours as a
// valid certificate: the page is a secure context and a service worker
// registers, unlike with ignoreHTTPSErrors).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopServer, waitUntilAnswering } from "./process";

const root = join(__dirname, "..", "..", "..");
export const serverBinary = join(root, "target", "debug", "linli-server");
export const OFFICE_NAME = "linli.test";

export class OfficeServer {
  private constructor(
    readonly httpsUrl: string,
    /** The plain listener at the office PC's address, as a phone new to the office types it (from the QR code on the wall). */
    readonly httpUrl: string,
    /** base64 SHA-256 of the authority's public key, for Chromium. */
    readonly spki: string,
    /** The authority certificate's SHA-256 fingerprint, as /ca shows it (AB:CD:…). */
    readonly fingerprint: string,
    private readonly process: ChildProcess,
    readonly dataDir: string,
  ) {}

  /** `path` on the HTTPS listener, reached at `host` instead of linli.test. */
  httpsUrlAt(host: string, path: string): string {
    const url = new URL(path, this.httpsUrl);
    url.hostname = host;
    return url.toString();
  }

  /** Chromium flags that make it reach this server at linli.test and trust its authority. */
  chromiumArgs(): string[] {
    return [
      `--host-resolver-rules=MAP ${OFFICE_NAME} 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${this.spki}`,
    ];
  }

  /** Starts on two ports nothing else listens on (a server left over from an earlier run would answer the health check). */
  static async start(): Promise<OfficeServer> {
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(join(tmpdir(), "linli-office-"));
    execFileSync(serverBinary, ["local-ca", "--data-dir", dataDir, "--name", OFFICE_NAME, "--address", "127.0.0.1"], {
      stdio: "ignore",
    });
    const tls = join(dataDir, "tls");
    const authority = new X509Certificate(readFileSync(join(tls, "ca.crt")));
    const spki = createHash("sha256")
      .update(authority.publicKey.export({ type: "spki", format: "der" }))
      .digest("base64");
    const child = spawn(
      serverBinary,
      [
        "serve",
        "--data-dir", dataDir,
        "--bind", `127.0.0.1:${httpsPort}`,
        "--http-bind", `127.0.0.1:${httpPort}`,
        "--tls-cert", join(tls, "server.crt"),
        "--tls-key", join(tls, "server.key"),
        "--demo",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    const server = new OfficeServer(
      `https://${OFFICE_NAME}:${httpsPort}`,
      `http://127.0.0.1:${httpPort}`,
      spki,
      authority.fingerprint256,
      child,
      dataDir,
    );
    // The plain listener answers (with a redirect to HTTPS) once the server is up.
    await waitUntilAnswering(child, `http://127.0.0.1:${httpPort}/api/v1/health`, (status) => status === 308);
    return server;
  }

  async stop() {
    await stopServer(this.process, this.dataDir);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
