// The demo members' invite codes, derived exactly as the server's seed
// derives them (crates/server/src/secrets.rs: demo_invite_code), so the tests
// name a member, not a code. An invite code joins once: each test joins as
// a member no other test uses.
import { createHash } from "node:crypto";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export type DemoRole =
  | "resident"
  | "canteen-staff"
  | "grid-worker"
  | "volunteer"
  | "officer"
  | "admin"
  | "childcare-staff";

export function demoInviteCode(community: string, role: DemoRole): string {
  return demoMemberCode(`${community}-${role}`);
}

/** Any seeded demo member's code, by member id (e.g. `daqinglu-r00`). */
export function demoMemberCode(memberId: string): string {
  const digest = createHash("sha256").update(`linli-demo-invite:${memberId}`).digest();
  return Array.from(digest.subarray(0, 12), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

/** A villager on a demo village's register, `<community>-v<NN>` (crates/server/src/demo/rules.rs). */
export function demoVillagerCode(community: string, villager: number): string {
  return demoMemberCode(`${community}-v${String(villager).padStart(2, "0")}`);
}
