import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getT } from "@/lib/i18n/server";
import { previewPromotion, promotionTargets } from "@/lib/promotion/promote";
import { Card, PageHeader } from "@/components/ui/page-header";
import { loadSystemForPage } from "../load-system";
import { DiffTable } from "./_components/diff-table";
import { PromoteForm } from "./_components/promote-form";

export default async function PromotePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ target?: string }>;
}) {
  const [{ id }, { target: wanted }, { t, locale }, actor] = await Promise.all([
    params,
    searchParams,
    getT(),
    requireActor(),
  ]);
  if (!can(actor.role, "systems.manage")) notFound();
  const { system, environment } = await loadSystemForPage(actor, id);
  const scope = { actor, environment };
  const targets = await promotionTargets(scope);
  const chosen = targets.find((e) => e.slug === wanted) ?? (targets.length === 1 ? targets[0] : undefined);
  const preview = chosen && !system.deletedAt ? await previewPromotion(scope, system.id, chosen.slug) : null;
  return (
    <>
      <PageHeader title={`${t("promotion.title")}: ${system.name[locale]}`}>
        <Link className="text-brand-700 underline" href={`/systems/${id}`}>
          {system.systemId}
        </Link>
      </PageHeader>
      <Card>
        <p className="mb-4 text-sm">{t("promotion.intro")}</p>
        {environment.kind === "production" ? (
          <p>{t("promotion.onlyTest")}</p>
        ) : targets.length === 0 ? (
          <p>{t("promotion.noTargets")}</p>
        ) : (
          <form method="get" className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="target" className="block text-sm font-medium">
                {t("promotion.target")}
              </label>
              <select
                id="target"
                name="target"
                defaultValue={chosen?.slug}
                className="mt-1 block rounded-md border border-slate-500 bg-white px-3 py-2 text-sm"
              >
                {targets.map((e) => (
                  <option key={e.slug} value={e.slug}>
                    {e.name} ({e.slug})
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold"
            >
              {t("promotion.choose")}
            </button>
          </form>
        )}
      </Card>
      {preview && chosen && (
        <Card title={t("promotion.targetSystem", { systemId: preview.plan.targetSystemId })}>
          {!preview.plan.exists && <p className="mb-3 text-sm font-medium">{t("promotion.willCreate")}</p>}
          {preview.plan.clientMap && (
            <p className="mb-2 text-sm">
              {t("promotion.clientMap", { from: preview.plan.clientMap.from, to: preview.plan.clientMap.to })}
            </p>
          )}
          {preview.plan.droppedClientIds.length > 0 && (
            <p className="mb-2 text-sm">
              {t("promotion.clientDropped", { ids: preview.plan.droppedClientIds.join(", ") })}
            </p>
          )}
          <DiffTable rows={preview.plan.rows} testEnv={environment.name} productionEnv={chosen.name} t={t} />
          {preview.plan.changed ? (
            <PromoteForm id={system.id} target={chosen.slug} />
          ) : (
            <p role="status" className="mt-4 font-semibold text-green-800" data-testid="promotion-status">
              {t("promotion.noChanges")}
            </p>
          )}
        </Card>
      )}
    </>
  );
}
