import "server-only";
import { z } from "zod";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";

const KEY = "audit.retentionDays";
/** Kept forever (null), or a number of days: at least 30, so a slip of the finger cannot empty the log. */
export const RetentionDays = z.union([z.null(), z.coerce.number().int().min(30).max(36_500)]);

export async function getRetentionDays(): Promise<number | null> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  const parsed = RetentionDays.safeParse(row?.value ?? null);
  return parsed.success ? parsed.data : null;
}

/** Sets the retention period (admins), audited with before and after; no event when nothing changes. */
export async function setRetentionDays(actor: Actor | null, days: number | null): Promise<void> {
  assertCan(actor, "audit.manage");
  const value = RetentionDays.parse(days);
  await db.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: KEY } });
    const before = row ? RetentionDays.catch(null).parse(row.value) : null;
    if (before === value) return;
    if (value === null) await tx.setting.deleteMany({ where: { key: KEY } });
    else await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "settings.update",
        target: { type: "setting", id: KEY },
        outcome: "success",
        detail: { before: { retentionDays: before }, after: { retentionDays: value } },
      },
      tx,
    );
  });
}
