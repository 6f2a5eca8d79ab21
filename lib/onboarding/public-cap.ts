import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import type { Scope } from "@/lib/environments/types";
import { translator, type Locale } from "@/lib/i18n";

// Anyone can start a request in the vendor's name from the public pages, so each system may start at most
// PUBLIC_REQUESTS_PER_SYSTEM_PER_HOUR of them in any rolling hour, counted in PostgreSQL so every portal
// process shares the count. Every start that goes on to Altinn counts, whatever Altinn answers: counting
// only the requests Altinn made would move the count for new customers and not for connected ones, which
// is the difference the public pages must not show (ADR 018).

const HOUR_MS = 3_600_000;
// A burst queues on the row lock (and for the pool's few connections): better a wait than a failed customer,
// and the per-address rate limit bounds how long the queue gets.
const TX_WAIT = { maxWait: 30_000, timeout: 30_000 };
const DAY_MS = 24 * HOUR_MS;

type CappedSystem = { id: string; systemId: string; environmentId: string };

/** Takes one of the system's public starts for this hour, or throws `public_cap` (429) when none is left. */
export async function takePublicStart(system: CappedSystem, now = new Date()): Promise<void> {
  const cap = env().PUBLIC_REQUESTS_PER_SYSTEM_PER_HOUR;
  const since = new Date(now.getTime() - HOUR_MS);
  const retryAfterS = await db.$transaction(async (tx) => {
    // One system's starts queue on its row, in every process alike, so count-then-insert cannot interleave.
    // NO KEY UPDATE leaves inserts that only reference the system (its requests) unblocked.
    await tx.$queryRaw`SELECT id FROM systems WHERE id = ${system.id}::uuid FOR NO KEY UPDATE`;
    await tx.publicStart.deleteMany({ where: { systemId: system.id, at: { lt: since } } });
    const used = await tx.publicStart.count({ where: { systemId: system.id } });
    if (used < cap) {
      await tx.publicStart.create({ data: { systemId: system.id, at: now } });
      return null;
    }
    const oldest = await tx.publicStart.findFirst({
      where: { systemId: system.id },
      orderBy: { at: "asc" },
      select: { at: true },
    });
    // The vendor hears of it once an hour per system (audit and dashboard), not once per refused customer.
    const alerted = await tx.publicCapHit.count({ where: { systemId: system.id, at: { gte: since } } });
    if (alerted === 0) {
      await tx.publicCapHit.deleteMany({
        where: { systemId: system.id, at: { lt: new Date(now.getTime() - DAY_MS) } },
      });
      await tx.publicCapHit.create({ data: { systemId: system.id, at: now, cap } });
      await recordAudit(
        {
          actor: { type: "system", label: "public onboarding" },
          action: "onboarding.public_cap",
          target: { type: "system", id: system.systemId },
          outcome: "failure",
          detail: { cap, windowMinutes: 60 },
          environmentId: system.environmentId,
        },
        tx,
      );
    }
    const freedAt = (oldest?.at.getTime() ?? now.getTime()) + HOUR_MS;
    return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
  }, TX_WAIT);
  if (retryAfterS !== null) throw publicCapReached(retryAfterS, system);
}

/** The environment's systems whose cap was hit in the last 24 hours, newest first, once each (the dashboard). */
export async function recentCapHits({ actor, environment }: Scope) {
  assertCan(actor, "portal.read");
  const rows = await db.publicCapHit.findMany({
    where: { at: { gte: new Date(Date.now() - DAY_MS) }, system: { environmentId: environment.id } },
    orderBy: { at: "desc" },
    select: { at: true, cap: true, system: { select: { id: true, systemId: true, name: true } } },
  });
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.system.id) && seen.add(r.system.id))
    .map((r) => ({ ...r, system: { ...r.system, name: r.system.name as { nb: string; nn: string; en: string } } }));
}

export const publicCapReached = (retryAfterS: number, system?: CappedSystem) => {
  const minutes = Math.ceil(retryAfterS / 60);
  const say = (locale: Locale) => translator(locale)("cap.body", { minutes });
  // The cause names the system whose branding the customer's page shows (cap-page.ts); it is never sent out.
  const cause = system && { environmentId: system.environmentId, systemRowId: system.id };
  return new AppError("public_cap", { nb: say("nb"), en: say("en") }, 429, { extra: { retryAfterS }, cause });
};
