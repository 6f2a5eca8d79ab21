import "server-only";
import { db } from "@/lib/core/db";
import { keyedDigest } from "@/lib/core/master-key";
import { isAllowedConfirmUrl } from "@/lib/environments/rules";
import type { EnvironmentView } from "@/lib/environments/types";

// Altinn refuses a new request when the organisation already has the system user (AUTH-00004). Saying so
// on a public page tells anyone which organisations are the vendor's customers, so the public pages answer
// as for everyone else: a 303 to a confirm page in Altinn, where the state shows only after an ID-porten
// login (ADR 018).

type Env = Pick<EnvironmentView, "id" | "kind" | "confirmUrlHosts">;
const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/** Where a connected customer is sent: the newest request we hold for (system, org), else a stand-in. */
export async function confirmUrlForConnected(environment: Env, systemRowId: string, orgNo: string) {
  const held = await db.systemUserRequest.findFirst({
    where: { systemId: systemRowId, kind: "standard", customer: { environmentId: environment.id, orgNo } },
    orderBy: { createdAt: "desc" },
    select: { confirmUrl: true },
  });
  if (held && isAllowedConfirmUrl(environment, held.confirmUrl)) return held.confirmUrl;
  return standInConfirmUrl(environment, systemRowId, orgNo);
}

/**
 * A confirm URL of Altinn's own shape (CONTRACT §4.1) on the environment's first allowed host, for an id
 * derived from (environment, system, org) under the master key: the same on every attempt, as Altinn's
 * idempotent create gives a new customer, and not computable without the key (so no one can work it out
 * and compare). Altinn knows no request by it, which it says only to someone who logs in.
 */
export function standInConfirmUrl(environment: Env, systemRowId: string, orgNo: string): string {
  const host = environment.confirmUrlHosts[0]?.toLowerCase() ?? "";
  const loopback = URL.canParse(`http://${host}`) && LOOPBACK.includes(new URL(`http://${host}`).hostname);
  const scheme = environment.kind === "emulator" && loopback ? "http" : "https";
  const id = uuidFrom(keyedDigest("public-onboarding-stand-in", `${environment.id}\0${systemRowId}\0${orgNo}`));
  return `${scheme}://${host}/accessmanagement/ui/systemuser/request?id=${id}&DONTCHOOSEREPORTEE=true`;
}

/** A version-4 UUID from 16 bytes of a digest, so the id looks like every id Altinn hands out. */
function uuidFrom(digest: Buffer): string {
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
