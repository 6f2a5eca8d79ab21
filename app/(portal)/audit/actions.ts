"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { verifyAuditNow } from "@/lib/audit/integrity";
import { setRetentionDays } from "@/lib/audit/retention-setting";

export const verifyAuditAction = action(
  "audit.read",
  z.object({}),
  () => ({}),
  async (_input, { actor }) => {
    const result = await verifyAuditNow(actor);
    revalidatePath("/audit");
    const [nb, en] = [result.checked.toLocaleString("nb-NO"), result.checked.toLocaleString("en-GB")];
    return {
      // A break is news to act on, not a success: the form shows it as an alert.
      result: { verdict: result.ok ? "ok" : "broken" },
      message: result.ok
        ? {
            nb: `Alt er kontrollert, og alle kjeder holder. Hendelser kontrollert: ${nb}.`,
            en: `Everything verified, and every chain holds. Events checked: ${en}.`,
          }
        : {
            nb: `Kontrollen fant et brudd i kjeden ${result.chain} ved hendelse ${result.brokenAt}.`,
            en: `The verification found a break in chain ${result.chain} at event ${result.brokenAt}.`,
          },
    };
  },
);

// Empty keeps the log forever; otherwise whole days in the range lib/audit/retention-setting.ts allows.
const DAYS = "audit.integrity.errors.days";
const RetentionForm = z.object({
  days: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number({ error: DAYS }).int(DAYS).min(30, DAYS).max(36_500, DAYS).nullable()),
});

export const setRetentionAction = action(
  "audit.manage",
  RetentionForm,
  (f) => ({ days: f.get("days") ?? "" }),
  async ({ days }, { actor }) => {
    await setRetentionDays(actor, days);
    revalidatePath("/audit");
    return { message: { nb: "Oppbevaringstiden er lagret.", en: "The retention period is saved." } };
  },
);
