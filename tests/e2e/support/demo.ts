// The demo members' invite codes, derived exactly as the server's seed
// derives them (crates/server/src/secrets.rs: demo_invite_code), so the tests
// name a member, not a code.
import { createHash } from "node:crypto";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export type DemoRole = "resident" | "canteen-staff" | "grid-worker" | "volunteer" | "officer" | "admin";

export function demoInviteCode(community: string, role: DemoRole): string {
  const digest = createHash("sha256").update(`linli-demo-invite:${community}-${role}`).digest();
  return Array.from(digest.subarray(0, 10), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}
