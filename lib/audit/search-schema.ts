import { z } from "zod";
import { isValidOrgNo, normalizeOrgNo } from "@/lib/core/orgno";
import { isCalendarDay } from "@/lib/audit/oslo-day";

// The audit log's filters as they travel in the URL (/audit?…, /api/audit/export?…). Other pages link
// here with these names, so they are a contract: actor, action, targetType, targetId, org, system,
// outcome, from, to and the paging cursor before. Shared by the page, the export route and the data layer.

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_OUTCOMES = ["success", "failure"] as const;

// An action name ("customer.update"), or a group of them ending in a dot ("request.").
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.?$/;
const TARGET_TYPE = /^[a-z][a-z0-9_]*$/;
// Altinn's system ids are "<vendor org number>_<name>"; other characters are refused early.
const SYSTEM_ID = /^[A-Za-z0-9_.-]+$/;

/** GET forms send every field, empty ones as "": those (and repeats of a name, first wins) mean "not set". */
const given = (v: unknown) => {
  const x = Array.isArray(v) ? v[0] : v;
  if (typeof x !== "string") return undefined;
  const t = x.trim();
  return t === "" ? undefined : t;
};
const optional = <T extends z.ZodType>(s: T) => z.preprocess(given, s.optional());
const day = z.string().refine(isCalendarDay, "audit.errors.date");

export const auditFilterSchema = z
  .object({
    actor: optional(z.uuid("audit.errors.actor")),
    action: optional(z.string().max(100, "audit.errors.action").regex(ACTION, "audit.errors.action")),
    targetType: optional(z.string().max(50, "audit.errors.targetType").regex(TARGET_TYPE, "audit.errors.targetType")),
    targetId: optional(z.string().max(200, "audit.errors.targetId")),
    org: optional(
      z
        .string()
        .transform(normalizeOrgNo)
        .refine((v) => /^\d{9}$/.test(v), { message: "errors.orgNoFormat", abort: true })
        .refine(isValidOrgNo, "errors.orgNoChecksum"),
    ),
    system: optional(z.string().max(100, "audit.errors.system").regex(SYSTEM_ID, "audit.errors.system")),
    outcome: optional(z.enum(AUDIT_OUTCOMES, "audit.errors.outcome")),
    from: optional(day),
    to: optional(day),
    before: optional(z.string().regex(/^[1-9]\d{0,17}$/, "audit.errors.before")),
  })
  .superRefine((f, ctx) => {
    // A target id alone names nothing the index can find (ids repeat across types): ask for the type.
    if (f.targetId && !f.targetType)
      ctx.addIssue({ code: "custom", path: ["targetType"], message: "audit.errors.targetIdNeedsType" });
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: "custom", path: ["to"], message: "audit.errors.range" });
  });

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditFilterField = keyof AuditFilter;
export const FILTER_FIELDS = [
  "actor",
  "action",
  "targetType",
  "targetId",
  "org",
  "system",
  "outcome",
  "from",
  "to",
] as const satisfies readonly AuditFilterField[];

export type AuditFilterErrors = Partial<Record<AuditFilterField, string>>;

/** The filters, or for each bad field the i18n key of what is wrong with it (never a throw). */
export function parseAuditFilter(
  params: unknown,
): { ok: true; filter: AuditFilter } | { ok: false; errors: AuditFilterErrors } {
  const parsed = auditFilterSchema.safeParse(params ?? {});
  if (parsed.success) return { ok: true, filter: parsed.data };
  const errors: AuditFilterErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && field in auditFilterSchema.shape && !errors[field as AuditFilterField])
      errors[field as AuditFilterField] = issue.message;
  }
  return { ok: false, errors };
}

/** The filters that are set, without the paging cursor: what an export, a page link or the audit detail carry. */
export function activeFilters(filter: Partial<AuditFilter>): Partial<Record<AuditFilterField, string>> {
  return Object.fromEntries(FILTER_FIELDS.flatMap((k) => (filter[k] ? [[k, filter[k]]] : [])));
}

/** `?a=1&b=2` for the given values (empty ones left out), or "" when there are none. */
export function auditQuery(values: Partial<Record<AuditFilterField | "format", string | undefined>>): string {
  const query = new URLSearchParams(Object.entries(values).flatMap(([k, v]) => (v ? [[k, v]] : []))).toString();
  return query ? `?${query}` : "";
}

/** A link to the audit log showing what the filters pick out (for "everything that happened to this"). */
export const auditHref = (values: Partial<Record<AuditFilterField, string>>) => `/audit${auditQuery(values)}`;
