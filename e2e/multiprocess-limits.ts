// The public limits of e2e/multiprocess.spec.ts: starts from the demo system's open page, sent round-robin
// to the three processes from one address. The limits are counted in PostgreSQL (lib/core/limits.ts,
// lib/onboarding/public-cap.ts), so the processes together allow what one would.
import { controlAt } from "./emulator";
import * as mp from "./multiprocess";
import { orgsFor } from "./orgs";

/** Starts per address and minute; starts per system and hour; starts sent. */
export const RATE = 6;
export const CAP = 4;
export const STARTS = 9;
export const ENV = { PUBLIC_RATE_LIMIT_PER_MINUTE: String(RATE), PUBLIC_REQUESTS_PER_SYSTEM_PER_HOUR: String(CAP) };

const orgNos = orgsFor("multiprocess-limits", STARTS);
let before = 0;

type Answer = { kind: string; retryAfter: string | null };

/** Each start's answer in order: "confirm" (Altinn's page), "capped" (the hourly cap) or "limited" (the rate). */
export async function startsRoundRobin(): Promise<Answer[]> {
  // Straight in the table: what the admin's switch on the system page does (e2e/public-onboarding covers that).
  const [system] = await mp.sql<{ systemId: string }>(
    `UPDATE systems SET "openOnboarding" = true WHERE "systemId" LIKE '%\\_demo' RETURNING "systemId"`,
  );
  if (!system) throw new Error("npm run demo made no demo system");
  await controlAt(mp.emulatorUrl, "POST", "/emulator/parties", {
    organisations: orgNos.map((orgNo, i) => ({ orgNo, name: `Grense ${i} AS` })),
  });
  before = (await mp.emulatorStats()).requests;
  const answers: Answer[] = [];
  for (const [i, orgNo] of orgNos.entries()) {
    const res = await fetch(
      `http://127.0.0.1:${mp.portalPort(i % 3)}/onboard/local/${encodeURIComponent(system.systemId)}/start`,
      { method: "POST", body: new URLSearchParams({ orgNo }), redirect: "manual" },
    );
    const text = await res.text();
    const to = res.headers.get("location") ?? "";
    const kind =
      res.status === 303 && to.includes("/accessmanagement/ui/systemuser/request?id=")
        ? "confirm"
        : res.status === 429
          ? text.includes("For mange forsøk")
            ? "limited"
            : "capped"
          : `${res.status} ${to}`;
    answers.push({ kind, retryAfter: res.headers.get("retry-after") });
  }
  return answers;
}

/** Requests made at the emulator by those starts. */
export async function createdAtAltinn(): Promise<number> {
  return (await mp.emulatorStats()).requests - before;
}
