import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { listBulkJobs } from "@/lib/bulk/queries";
import { listSystems } from "@/lib/systems/queries";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { Card, PageHeader } from "@/components/ui/page-header";
import { UploadForm } from "./_components/upload-form";

export default async function BulkPage() {
  const [{ t, locale }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  const [jobs, systems] = await Promise.all([
    listBulkJobs({ actor, environment }),
    listSystems({ actor, environment }),
  ]);
  const live = systems
    .filter((s) => s.altinnInternalId && !s.deletedAt)
    .map((s) => ({ id: s.id, label: `${s.name[locale]} (${s.systemId})` }));
  const fmt = (d: Date) => d.toLocaleString(dateLocale(locale));
  return (
    <>
      <PageHeader title={t("bulk.title")} />
      {can(actor.role, "requests.create") && (
        <Card title={t("bulk.upload")}>
          <p className="mb-4 text-sm">{t("bulk.intro")}</p>
          {live.length === 0 ? <p>{t("bulk.noSystems")}</p> : <UploadForm systems={live} />}
        </Card>
      )}
      <Card title={t("bulk.jobs")}>
        {jobs.length === 0 ? (
          <p>{t("bulk.noJobs")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2">
                  {t("bulk.file")}
                </th>
                <th scope="col">{t("bulk.system")}</th>
                <th scope="col">{t("bulk.created")}</th>
                <th scope="col">{t("bulk.createdBy")}</th>
                <th scope="col">{t("bulk.status")}</th>
                <th scope="col">{t("bulk.progressCol")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => {
                const work = j.counts.total - j.counts.invalid;
                return (
                  <tr key={j.id} className="border-b border-slate-200">
                    <td className="py-2">
                      <Link className="text-brand-700 underline" href={`/customers/bulk/${j.id}`}>
                        {j.fileName}
                      </Link>
                    </td>
                    <td className="font-mono">{j.system.systemId}</td>
                    <td>{fmt(j.createdAt)}</td>
                    <td>{j.createdByLabel}</td>
                    <td>{t(`bulk.status.${j.status}`)}</td>
                    <td>
                      {t("bulk.counts", {
                        done: j.counts.done,
                        failed: j.counts.failed,
                        cancelled: j.counts.cancelled,
                        waiting: j.status === "draft" ? work : j.counts.pending + j.counts.working,
                      })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
