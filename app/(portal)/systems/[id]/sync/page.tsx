import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { readSystemDrift } from "@/lib/systems/sync";
import { getT } from "@/lib/i18n/server";
import { AppError } from "@/lib/core/errors";
import { Card, PageHeader } from "@/components/ui/page-header";
import type { DriftValue } from "@/lib/systems/drift";
import { SyncChoice } from "./_components/sync-choice";
import { loadSystemForPage } from "../load-system";

// Reading this page reads the system from Altinn; nothing changes until a side is chosen.
export default async function SyncSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, actor] = await Promise.all([params, getT(), requireActor()]);
  if (!can(actor.role, "systems.manage"))
    return (
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
        {t("errors.forbidden")}
      </p>
    );
  const { system, environment } = await loadSystemForPage(actor, id);
  // The row's own id: the URL may name the system by Altinn's id instead.
  const drift = await readSystemDrift({ actor, environment }, system.id).catch((err: unknown) => {
    if (err instanceof AppError) return err;
    throw err;
  });
  const show = (v: DriftValue) =>
    typeof v === "boolean"
      ? v
        ? t("sysreg.yes")
        : t("sysreg.no")
      : Array.isArray(v)
        ? v.length
          ? v.join("\n")
          : t("sysreg.none")
        : v;
  return (
    <>
      <PageHeader title={`${t("sysreg.sync.title")}: ${system.name[locale]}`}>
        <Link href={`/systems/${id}`} className="text-brand-700 underline">
          {t("sysreg.back")}
        </Link>
      </PageHeader>
      {drift instanceof AppError ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
          {drift.userMessage[locale]}
        </p>
      ) : (
        <Card>
          <p className="mb-2 text-sm">{t("sysreg.sync.intro")}</p>
          <p className="mb-4 font-medium">
            {drift.inSync
              ? t("sysreg.sync.inSync")
              : t("sysreg.sync.driftCount", { count: drift.rows.filter((r) => r.differs).length })}
          </p>
          <table className="mb-6 w-full text-left text-sm">
            <caption className="sr-only">{t("sysreg.sync.title")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2">
                  {t("sysreg.sync.field")}
                </th>
                <th scope="col">{t("sysreg.sync.portal")}</th>
                <th scope="col">{t("sysreg.sync.altinn")}</th>
                <th scope="col">{t("sysreg.sync.state")}</th>
              </tr>
            </thead>
            <tbody>
              {drift.rows.map((r) => (
                <tr key={r.field} className={`border-b border-slate-200 align-top ${r.differs ? "bg-amber-50" : ""}`}>
                  <th scope="row" className="py-2 pr-2 font-medium">
                    {t(`sysreg.field.${r.field}`)}
                  </th>
                  <td className="whitespace-pre-line break-all pr-2 font-mono text-xs">{show(r.portal)}</td>
                  <td className="whitespace-pre-line break-all pr-2 font-mono text-xs">{show(r.altinn)}</td>
                  <td className={r.differs ? "font-semibold text-amber-900" : ""}>
                    {r.differs ? t("sysreg.sync.differs") : t("sysreg.sync.same")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <SyncChoice id={system.id} portalMayWin={!drift.altinnDeleted && !drift.portalDeleted} />
        </Card>
      )}
    </>
  );
}
