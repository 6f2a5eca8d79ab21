import type { IntegrityOverview } from "@/lib/audit/integrity";
import { dateLocale, type Locale, type Translate } from "@/lib/i18n";
import { Card } from "@/components/ui/page-header";
import { RetentionForm } from "./retention-form";
import { VerifyNowForm } from "./verify-now-form";

const VERIFY_COMMAND = "npm run audit:verify -- FILE --public-key audit-public-key.jwk";

/** The checkpoint key, the last full verification (and a new one on demand), and retention. ADR 020. */
export function IntegrityPanel({
  overview: { key, lastFull, retentionDays },
  canManage,
  t,
  locale,
}: {
  overview: IntegrityOverview;
  canManage: boolean;
  t: Translate;
  locale: Locale;
}) {
  const when = (iso: string) => new Date(iso).toLocaleString(dateLocale(locale), { timeZone: "Europe/Oslo" });
  const count = (n: number) => n.toLocaleString(dateLocale(locale));
  return (
    <Card title={t("audit.integrity.title")}>
      <p className="mb-4 text-sm text-slate-700">{t("audit.integrity.intro")}</p>
      <h3 className="mb-2 font-semibold">{t("audit.integrity.key")}</h3>
      {key ? (
        <>
          <dl className="mb-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt>{t("audit.integrity.kid")}</dt>
            <dd className="break-all font-mono" data-testid="audit-key-kid">
              {key.kid}
            </dd>
            <dt>{t("audit.integrity.alg")}</dt>
            <dd>
              {key.crv} ({key.alg})
            </dd>
          </dl>
          <p className="mb-2 text-sm">
            <a className="text-brand-700 underline" href="/api/audit/public-key" download>
              {t("audit.integrity.download")}
            </a>
          </p>
          <p className="mb-6 text-sm">
            {t("audit.integrity.offline")} <code className="break-all rounded bg-slate-100 px-1">{VERIFY_COMMAND}</code>
          </p>
        </>
      ) : (
        <p className="mb-6 text-sm">{t("audit.integrity.noKey")}</p>
      )}

      <h3 className="mb-2 font-semibold">{t("audit.integrity.full")}</h3>
      <p className="mb-2 text-sm text-slate-700">{t("audit.integrity.fullHint")}</p>
      <p className="mb-2 text-sm" data-testid="audit-last-full" data-full-ok={lastFull ? lastFull.ok : undefined}>
        {t("audit.integrity.last")}:{" "}
        {!lastFull
          ? t("audit.integrity.never")
          : lastFull.ok
            ? t("audit.integrity.lastOk", { at: when(lastFull.at), n: count(lastFull.checked) })
            : t("audit.integrity.lastBroken", {
                at: when(lastFull.at),
                n: count(lastFull.checked),
                chain: lastFull.chain,
                seq: lastFull.brokenAt,
              })}
      </p>
      <VerifyNowForm />

      <h3 className="mb-2 mt-6 font-semibold">{t("audit.integrity.retention")}</h3>
      <p className="mb-2 text-sm" data-testid="audit-retention">
        {retentionDays === null
          ? t("audit.integrity.keptForever")
          : t("audit.integrity.keptDays", { days: count(retentionDays) })}
      </p>
      <p className="mb-4 text-sm text-slate-700">{t("audit.integrity.retentionHint")}</p>
      {canManage && <RetentionForm days={retentionDays} />}
    </Card>
  );
}
