import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { environmentContext } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { EnvironmentFacts } from "./_components/environment-facts";
import { KindBadge } from "./_components/kind-badge";

const linkButton = "rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800";

export default async function EnvironmentsPage() {
  const [{ t }, actor] = await Promise.all([getT(), requireActor()]);
  const { all, current } = await environmentContext(actor);
  const admin = can(actor.role, "environments.manage");
  return (
    <>
      <PageHeader title={t("envs.title")}>
        {admin && (
          <div className="flex flex-wrap gap-2">
            <Link href="/environments/new?kind=test" className={linkButton}>
              {t("envs.newTest")}
            </Link>
            <Link href="/environments/new?kind=production" className={linkButton}>
              {t("envs.newProduction")}
            </Link>
          </div>
        )}
      </PageHeader>
      <p className="mb-4 text-sm text-slate-700">{t("envs.intro")}</p>
      {!admin && <p className="mb-4 text-sm">{t("envs.readOnly")}</p>}
      <ul className="space-y-4">
        {all.map((e) => (
          <li key={e.id}>
            <section
              aria-labelledby={`env-${e.slug}`}
              className={`rounded-lg border bg-white p-5 shadow-sm ${e.kind === "production" ? "border-2 border-red-700" : "border-slate-300"}`}
            >
              <div className="mb-3 flex flex-wrap items-center gap-3">
                <h2 id={`env-${e.slug}`} className="text-lg font-semibold">
                  {e.name}
                </h2>
                <KindBadge kind={e.kind} label={t(`env.kind.${e.kind}`)} />
                {e.id === current.id && (
                  <span className="text-sm font-medium text-green-800">✓ {t("envs.current")}</span>
                )}
                {admin && (
                  <Link href={`/environments/${e.slug}`} className="ml-auto text-sm text-brand-700 underline">
                    {t("envs.edit", { name: e.name })}
                  </Link>
                )}
              </div>
              <EnvironmentFacts environment={e} t={t} />
            </section>
          </li>
        ))}
      </ul>
    </>
  );
}
