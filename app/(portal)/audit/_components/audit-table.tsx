import Link from "next/link";
import { dateLocale, type Locale, type Translate } from "@/lib/i18n";
import type { AuditListItem } from "@/lib/audit/search";

/** The page of events, newest first; the number opens the event with everything recorded about it. */
export function AuditTable({ events, t, locale }: { events: AuditListItem[]; t: Translate; locale: Locale }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{t("audit.title")}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="py-2 pr-2">
            {t("audit.seq")}
          </th>
          <th scope="col">{t("audit.when")}</th>
          <th scope="col">{t("audit.who")}</th>
          <th scope="col">{t("audit.what")}</th>
          <th scope="col">{t("audit.target")}</th>
          <th scope="col">{t("audit.subject")}</th>
          <th scope="col">{t("audit.outcome")}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.seq} className="border-b border-slate-200 align-top">
            <td className="py-2 pr-2">
              <Link className="font-mono text-brand-700 underline" href={`/audit/${e.seq}`}>
                {e.seq}
              </Link>
            </td>
            <td className="whitespace-nowrap pr-2">{e.at.toLocaleString(dateLocale(locale))}</td>
            <td className="break-all pr-2">
              {e.actorLabel} <span className="text-xs text-slate-700">({e.actorType})</span>
            </td>
            <td className="pr-2 font-mono">{e.action}</td>
            <td className="break-all pr-2 font-mono text-xs">
              {e.targetType}
              {e.targetId ? `: ${e.targetId}` : ""}
            </td>
            <td className="break-all pr-2 font-mono text-xs">
              {[e.orgNumber, e.systemId].filter(Boolean).join(" · ")}
            </td>
            <td>
              {e.outcome === "success" ? (
                t("audit.success")
              ) : (
                <span className="font-semibold text-red-800">
                  {t("audit.failure")}
                  {failureCode(e.detail)}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A failure's code (Altinn's, the portal's) or, for sign-ins, its reason (bad_password, rate_limited, ...). */
function failureCode(detail: unknown): string {
  if (typeof detail !== "object" || !detail) return "";
  const code = "code" in detail ? detail.code : "reason" in detail ? detail.reason : undefined;
  return code === undefined || code === null ? "" : ` (${String(code)})`;
}
