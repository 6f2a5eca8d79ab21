import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { currentEnvironment } from "@/lib/current-environment";
import { listSystems } from "@/lib/dal/systems";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";

export default async function SystemsPage() {
  const [{ t, locale }, actor] = await Promise.all([getT(), requireActor()]);
  const environment = await currentEnvironment(actor);
  const systems = await listSystems(actor, environment.id);
  return (
    <>
      <PageHeader title={t("systems.title")}>
        {can(actor.role, "systems.manage") && (
          <Link href="/systems/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{t("systems.new")}</Link>
        )}
      </PageHeader>
      <Card>
        {systems.length === 0 ? <p>{t("systems.none")}</p> : (
          <table className="w-full text-left text-sm">
            <thead><tr className="border-b border-slate-300"><th scope="col" className="py-2">{t("systems.name")}</th><th scope="col">{t("systems.id")}</th><th scope="col">{t("systems.packages")}</th></tr></thead>
            <tbody>
              {systems.map((s) => (
                <tr key={s.id} className="border-b border-slate-200">
                  <td className="py-2"><Link href={`/systems/${s.id}`} className="text-brand-700 underline">{s.name[locale]}</Link></td>
                  <td className="font-mono">{s.systemId}</td>
                  <td>{s.accessPackages.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
