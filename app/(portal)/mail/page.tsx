import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { getMailSettings } from "@/lib/mail/settings";
import { listMail } from "@/lib/mail/queries";
import { formatOffsets } from "@/lib/mail/schema";
import { Card, PageHeader } from "@/components/ui/page-header";
import { LiveRefresh } from "@/components/live-refresh";
import { MailSettingsForm } from "./_components/settings-form";
import { TestMailForm } from "./_components/simple-forms";

export default async function MailPage() {
  const [{ t, locale }, scope] = await Promise.all([getT(), requireScope()]);
  const [settings, messages] = await Promise.all([getMailSettings(scope), listMail(scope)]);
  const date = (d: Date) => d.toLocaleString(dateLocale(locale));
  const admin = can(scope.actor.role, "environments.manage");
  return (
    <>
      <PageHeader title={`${t("mail.title")} · ${scope.environment.name}`} />
      <LiveRefresh />
      <p className="mb-6 max-w-3xl text-sm text-slate-800">{t("mail.intro")}</p>
      {admin && (
        <Card title={t("mail.settings.title")}>
          {!settings && <p className="mb-4">{t("mail.settings.none")}</p>}
          <MailSettingsForm existing={settings && { ...settings, offsets: formatOffsets(settings.reminderOffsets) }} />
        </Card>
      )}
      {admin && settings && (
        <Card title={t("mail.test.title")}>
          <TestMailForm />
        </Card>
      )}
      <Card title={t("mail.log.title")}>
        {messages.length === 0 ? (
          <p>{t("mail.log.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 pr-3">
                    {t("mail.col.created")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("mail.col.kind")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("mail.col.recipient")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("mail.col.subject")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("mail.col.status")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("mail.col.attempts")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("mail.col.error")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.id} className="border-b border-slate-200 align-top" data-mail={m.id}>
                    <td className="py-2 pr-3 whitespace-nowrap">{date(m.createdAt)}</td>
                    <td className="py-2 pr-3">{t(`mail.kind.${m.kind}`)}</td>
                    <td className="py-2 pr-3 break-all">{m.recipient}</td>
                    <td className="py-2 pr-3">
                      <Link className="text-brand-700 underline" href={`/mail/${m.id}`}>
                        {m.subject}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">{t(`mail.status.${m.status}`)}</td>
                    <td className="py-2 pr-3">{m.attempts}</td>
                    <td className="py-2 pr-3 break-all text-xs">{m.lastError ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
