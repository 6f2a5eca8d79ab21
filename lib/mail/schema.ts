import { z } from "zod";
import { invalidInput } from "@/lib/core/errors";
import { MAIL_LOCALES } from "@/lib/mail/templates";

const email = z.string().trim().toLowerCase().max(254, "errors.tooLong").pipe(z.email("mail.errors.email"));
const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().max(254).optional(),
);

/** "3d, 10d, -7d, 30m": after the invitation (positive) or before its link expires (negative); stored in minutes. */
export const offsetsSchema = z
  .string()
  .max(200, "errors.tooLong")
  .transform((text, ctx) => {
    const out: number[] = [];
    for (const part of text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const m = /^(-?)(\d{1,5})\s*(m|h|d)$/.exec(part);
      if (!m) {
        ctx.addIssue({ code: "custom", message: "mail.errors.offsets" });
        return z.NEVER;
      }
      const minutes = Number(m[2]) * { m: 1, h: 60, d: 1440 }[m[3] as "m" | "h" | "d"];
      if (minutes === 0) continue;
      out.push(m[1] ? -minutes : minutes);
    }
    return [...new Set(out)].slice(0, 10);
  });

/** Minutes back to the form's words: 4320 → "3d", -10080 → "-7d", 5 → "5m". */
export function formatOffsets(offsets: number[]): string {
  return offsets
    .map((n) => {
      const a = Math.abs(n);
      const sign = n < 0 ? "-" : "";
      if (a % 1440 === 0) return `${sign}${a / 1440}d`;
      if (a % 60 === 0) return `${sign}${a / 60}h`;
      return `${sign}${a}m`;
    })
    .join(", ");
}

export const TLS_MODES = ["starttls", "tls", "none"] as const;

export const mailSettingsSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, "errors.required")
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, "mail.errors.host"),
  port: z.coerce.number().int().min(1).max(65535),
  tlsMode: z.enum(TLS_MODES),
  username: optionalText,
  /** Empty keeps the stored password; "clear" the box removes it. */
  password: z.string().max(500).optional(),
  clearPassword: z.preprocess((v) => v === "on" || v === true, z.boolean()),
  fromAddress: email,
  fromName: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
  replyTo: z.preprocess((v) => (v === "" ? undefined : v), email.optional()),
  reminderOffsets: offsetsSchema,
});
export type MailSettingsInput = z.input<typeof mailSettingsSchema>;

export const mailLocaleSchema = z.enum(MAIL_LOCALES);
export const contactSchema = z.object({ customerId: z.uuid(), email, locale: mailLocaleSchema });
export const testMailSchema = z.object({ to: email });
export const inviteSchema = z.object({ systemId: z.uuid(), customerIds: z.array(z.uuid()).min(1).max(500) });
export const forwardSchema = z.object({ email, locale: mailLocaleSchema });
export const mailEmail = email;

/** Parses at the data layer's boundary: a malformed input is a 400 (AppError), never a crash. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidInput(r.error);
  return r.data;
}
