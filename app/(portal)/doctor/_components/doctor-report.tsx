"use client";
import { z } from "zod";
import { useLocale, useT } from "@/components/providers";

const text = z.object({ nb: z.string(), en: z.string() });
const claims = z.object({ header: z.record(z.string(), z.unknown()), payload: z.record(z.string(), z.unknown()) });
const reportSchema = z.object({
  orgNo: z.string(),
  steps: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      detail: text,
      fix: z.object({ href: z.string(), label: text }).optional(),
    }),
  ),
  claims: claims.optional(),
  exchangedClaims: claims.optional(),
  serviceOwner: z.object({ url: z.string(), status: z.number().nullable(), body: z.unknown() }).optional(),
});
type Report = z.infer<typeof reportSchema>;

export function parseReport(json: string | undefined): Report | null {
  if (!json) return null;
  const parsed = reportSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

// The claims that say whose token it is and what it may do (CONTRACT §1.4).
const HIGHLIGHTS = ["systemuser_org", "systemuser_id", "system_id", "consumer", "scope", "exp"] as const;

function highlights(payload: Record<string, unknown>): [string, string][] {
  const details = Array.isArray(payload.authorization_details) ? payload.authorization_details : [];
  const su: Record<string, unknown> =
    typeof details[0] === "object" && details[0] !== null ? (details[0] as Record<string, unknown>) : {};
  const show = (v: unknown) => (v === undefined ? "–" : typeof v === "string" ? v : JSON.stringify(v));
  return HIGHLIGHTS.map((k) => {
    if (k === "exp") return [k, typeof payload.exp === "number" ? new Date(payload.exp * 1000).toISOString() : "–"];
    if (k === "consumer" || k === "scope") return [k, show(payload[k])];
    return [k, show(su[k])];
  });
}

const pre = "mt-2 overflow-x-auto rounded bg-slate-100 p-3 text-xs";

export function DoctorReportView({ report }: { report: Report }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mt-6 space-y-6">
      <ul aria-label={t("doctor.result")} className="space-y-2" aria-live="polite">
        {report.steps.map((s) => (
          <li
            key={s.id}
            className={`rounded-md border p-2 text-sm ${s.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
          >
            <span className="font-semibold">
              {s.ok ? "✓" : "✗"} {t(`doctor.step.${s.id}`)}:
            </span>{" "}
            {s.detail[locale]}
            {s.fix && (
              <>
                {" "}
                <a className="font-semibold underline" href={s.fix.href}>
                  {s.fix.label[locale]}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
      {report.claims && (
        <section aria-labelledby="claims-title">
          <h2 id="claims-title" className="mb-2 text-lg font-semibold">
            {t("doctor.claims")}
          </h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {highlights(report.claims.payload).map(([k, v]) => [
              <dt key={`${k}-t`} className="font-mono font-semibold">
                {k}
              </dt>,
              <dd key={`${k}-d`} className="break-all font-mono">
                {v}
              </dd>,
            ])}
          </dl>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm text-brand-700">{t("doctor.allClaims")}</summary>
            <p className="mt-2 text-sm font-medium">{t("doctor.header")}</p>
            <pre aria-label={t("doctor.header")} className={pre}>
              {JSON.stringify(report.claims.header, null, 2)}
            </pre>
            <p className="mt-2 text-sm font-medium">{t("doctor.payload")}</p>
            <pre aria-label={t("doctor.payload")} className={pre}>
              {JSON.stringify(report.claims.payload, null, 2)}
            </pre>
          </details>
        </section>
      )}
      {report.serviceOwner && (
        <section aria-labelledby="so-title">
          <h2 id="so-title" className="mb-2 text-lg font-semibold">
            {t("doctor.serviceOwner")}
          </h2>
          <p className="break-all font-mono text-sm">
            GET {report.serviceOwner.url} · {t("doctor.status")} {report.serviceOwner.status ?? "–"}
          </p>
          <pre aria-label={t("doctor.serviceOwner")} className={pre}>
            {JSON.stringify(report.serviceOwner.body, null, 2)}
          </pre>
        </section>
      )}
      {report.exchangedClaims && (
        <details>
          <summary className="cursor-pointer text-sm text-brand-700">{t("doctor.exchanged")}</summary>
          <pre aria-label={t("doctor.exchanged")} className={pre}>
            {JSON.stringify(report.exchangedClaims.payload, null, 2)}
          </pre>
        </details>
      )}
    </div>
  );
}
