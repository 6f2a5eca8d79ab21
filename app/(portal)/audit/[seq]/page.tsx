import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { requireScope } from "@/lib/environments/current";
import { INSTALLATION_CHAIN } from "@/lib/audit/chain";
import { detailView } from "@/lib/audit/diff";
import { getAuditEvent } from "@/lib/audit/search";
import { auditHref } from "@/lib/audit/search-schema";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { Card, PageHeader } from "@/components/ui/page-header";
import { EventChanges, EventDetailFields } from "../_components/event-changes";

export default async function AuditEventPage({ params }: { params: Promise<{ seq: string }> }) {
  const [{ seq }, { t, locale }, { actor, environment }] = await Promise.all([params, getT(), requireScope()]);
  if (!can(actor.role, "audit.read")) return <p role="alert">{t("errors.forbidden")}</p>;
  // Scoped like the list: this environment's chain and the installation's; any other event is a 404.
  const e = await getAuditEvent({ actor, environment }, seq).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const view = detailView(e.detail);
  const none = "–";
  const facts: [label: string, value: string, mono?: boolean][] = [
    [t("audit.when"), `${e.at.toLocaleString(dateLocale(locale))} (${e.at.toISOString()})`],
    [t("audit.who"), e.actorLabel],
    [t("audit.detail.actorType"), e.actorType, true],
    [t("audit.detail.actorId"), e.actorId ?? none, true],
    [t("audit.what"), e.action, true],
    [t("audit.f.targetType"), e.targetType, true],
    [t("audit.f.targetId"), e.targetId ?? none, true],
    [t("audit.outcome"), t(`audit.${e.outcome}`)],
    [t("audit.f.org"), e.orgNumber ?? none, true],
    [t("audit.f.system"), e.systemId ?? none, true],
    [
      t("audit.detail.chain"),
      e.chain === INSTALLATION_CHAIN
        ? t("audit.detail.chainInstallation")
        : t("audit.detail.chainEnv", { name: environment.name }),
    ],
    [t("audit.detail.chainSeq"), e.chainSeq.toString(), true],
    [t("audit.detail.environmentId"), e.environmentId ?? none, true],
    [t("audit.detail.prevHash"), e.prevHash, true],
    [t("audit.detail.hash"), e.hash, true],
  ];
  // "Everything that happened" to whatever this event names, each as a filter of the log.
  const related = [
    e.actorId && { label: t("audit.trail.actor", { label: e.actorLabel }), href: auditHref({ actor: e.actorId }) },
    e.targetId && {
      label: t("audit.trail.target", { type: e.targetType, id: e.targetId }),
      href: auditHref({ targetType: e.targetType, targetId: e.targetId }),
    },
    e.orgNumber && { label: t("audit.trail.org", { org: e.orgNumber }), href: auditHref({ org: e.orgNumber }) },
    e.systemId && { label: t("audit.trail.system", { system: e.systemId }), href: auditHref({ system: e.systemId }) },
  ].filter((l): l is { label: string; href: string } => Boolean(l));
  return (
    <>
      <PageHeader title={t("audit.detail.title", { seq: e.seq.toString() })}>
        <Link href="/audit" className="text-brand-700 underline">
          {t("audit.detail.back")}
        </Link>
      </PageHeader>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {facts.map(([label, value, mono]) => [
            <dt key={`${label}-t`} className="font-medium">
              {label}
            </dt>,
            <dd key={`${label}-d`} className={mono ? "break-all font-mono" : ""}>
              {value}
            </dd>,
          ])}
        </dl>
      </Card>
      {view.changes.length > 0 && (
        <Card title={t("audit.detail.changes")}>
          <EventChanges changes={view.changes} t={t} />
        </Card>
      )}
      <Card title={t("audit.detail.other")}>
        <EventDetailFields rest={view.rest} t={t} />
      </Card>
      {related.length > 0 && (
        <Card title={t("audit.detail.related")}>
          <ul className="list-disc space-y-1 pl-5">
            {related.map((l) => (
              <li key={l.href}>
                <Link className="text-brand-700 underline" href={l.href}>
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
