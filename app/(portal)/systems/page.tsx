import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { listSystems } from "@/lib/systems/queries";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { Card, PageHeader } from "@/components/ui/page-header";

export default async function SystemsPage() {
  const [{ t, locale }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  const systems = await listSystems({ actor, environment });
  const manage = can(actor.role, "systems.manage");
  const date = (d: Date) => d.toLocaleDateString(dateLocale(locale));
  return (
    <>
      <PageHeader title={t("systems.title")}>
        {manage && (
          <Link
            href="/systems/new"
            className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            {t("systems.new")}
          </Link>
        )}
      </PageHeader>
      <Card>
        {systems.length === 0 ? (
          <p>{t("systems.none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2">
                  {t("systems.name")}
                </th>
                <th scope="col">{t("systems.id")}</th>
                <th scope="col">{t("systems.packages")}</th>
                <th scope="col">{t("sysreg.list.visibility")}</th>
                <th scope="col">{t("sysreg.list.status")}</th>
                {manage && <th scope="col">{t("sysreg.list.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {systems.map((s) => (
                // Deleted systems stay listed for history, greyed and without actions.
                <tr
                  key={s.id}
                  className={`border-b border-slate-200 ${s.deletedAt ? "bg-slate-100 text-slate-700" : ""}`}
                >
                  <td className="py-2">
                    <Link
                      href={`/systems/${s.id}`}
                      className={s.deletedAt ? "text-slate-700 underline" : "text-brand-700 underline"}
                    >
                      {s.name[locale]}
                    </Link>
                  </td>
                  <td className="font-mono">{s.systemId}</td>
                  <td>{s.accessPackages.length}</td>
                  <td>{s.isVisible ? t("sysreg.visible") : t("sysreg.hidden")}</td>
                  <td>{s.deletedAt ? t("sysreg.deletedOn", { date: date(s.deletedAt) }) : t("sysreg.active")}</td>
                  {manage && (
                    <td>
                      {!s.deletedAt && (
                        <Link
                          href={`/systems/${s.id}/edit`}
                          className="text-brand-700 underline"
                          aria-label={t("sysreg.editNamed", { name: s.name[locale] })}
                        >
                          {t("sysreg.edit")}
                        </Link>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
