import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { requireScope } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { getMail } from "@/lib/mail/queries";
import { Card, PageHeader } from "@/components/ui/page-header";

/** One message of the delivery log: what was sent, the HTML in a sandboxed frame (no scripts, no origin). */
export default async function MailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, scope] = await Promise.all([params, getT(), requireScope()]);
  const m = await getMail(scope, id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const date = (d: Date | null) => (d ? d.toLocaleString(dateLocale(locale)) : "–");
  return (
    <>
      <PageHeader title={`${t("mail.view.title")}: ${m.subject}`}>
        <Link className="text-brand-700 underline" href="/mail">
          {t("mail.view.back")}
        </Link>
      </PageHeader>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("mail.col.kind")}</dt>
          <dd>{t(`mail.kind.${m.kind}`)}</dd>
          <dt className="font-medium">{t("mail.col.recipient")}</dt>
          <dd className="break-all">{m.recipient}</dd>
          <dt className="font-medium">{t("mail.col.status")}</dt>
          <dd>{t(`mail.status.${m.status}`)}</dd>
          <dt className="font-medium">{t("mail.col.attempts")}</dt>
          <dd>{m.attempts}</dd>
          <dt className="font-medium">{t("mail.view.next")}</dt>
          <dd>{m.status === "pending" ? date(m.nextAttemptAt) : "–"}</dd>
          <dt className="font-medium">{t("mail.col.error")}</dt>
          <dd className="break-all">{m.lastError ?? "–"}</dd>
          <dt className="font-medium">{t("mail.col.trigger")}</dt>
          <dd>{m.triggeredBy}</dd>
          <dt className="font-medium">Message-ID</dt>
          <dd className="break-all font-mono text-xs">{m.messageId ?? "–"}</dd>
        </dl>
      </Card>
      <Card title={t("mail.view.html")}>
        <iframe
          title={t("mail.view.html")}
          sandbox=""
          srcDoc={m.html}
          className="h-[32rem] w-full rounded border border-slate-300"
        />
      </Card>
      <Card title={t("mail.view.text")}>
        <pre className="whitespace-pre-wrap break-all text-sm">{m.text}</pre>
      </Card>
    </>
  );
}
