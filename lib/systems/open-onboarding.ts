import "server-only";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { changedFields } from "@/lib/core/changes";
import { invalidInput } from "@/lib/core/errors";
import type { Scope } from "@/lib/environments/types";
import { alreadyDeleted, auditFor, loadSystemRow } from "@/lib/systems/persist";
import { openOnboardingSchema, type OpenOnboardingInput } from "@/lib/systems/schema";

/**
 * Turns the system's open page (/onboard/<env>/<systemId>) on or off. It lets anyone start a request in
 * the vendor's name for any organisation, so it is off until an admin chooses it (ADR 018); signed
 * per-customer links work either way. Audited with before and after; switching it to what it is records nothing.
 */
export async function setOpenOnboarding(scope: Scope, raw: OpenOnboardingInput) {
  const { actor, environment } = scope;
  assertCan(actor, "systems.manage");
  const parsed = openOnboardingSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, enabled } = parsed.data;
  const { row } = await loadSystemRow(environment.id, id);
  if (row.deletedAt) throw alreadyDeleted();
  return db.$transaction(async (tx) => {
    // FOR UPDATE: two admins switching at once each record the other's value as their "before".
    const [before] = await tx.$queryRaw<{ openOnboarding: boolean }[]>`
      SELECT "openOnboarding" FROM systems WHERE id = ${row.id}::uuid FOR UPDATE`;
    const changes = changedFields(before ?? {}, { openOnboarding: enabled });
    if (!changes) return { openOnboarding: enabled };
    const after = await tx.system.update({
      where: { id: row.id },
      data: { openOnboarding: enabled },
      select: { openOnboarding: true },
    });
    await recordAudit(
      { ...auditFor(actor, "system.open_onboarding", row, environment), outcome: "success", detail: changes },
      tx,
    );
    return after;
  });
}
