import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { currentEnvironment } from "@/lib/current-environment";
import { listKeys } from "@/lib/dal/keys";
import { listSystems } from "@/lib/dal/systems";
import { listRequests } from "@/lib/dal/requests";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";

export default async function DashboardPage() {
  const [{ t }, actor] = await Promise.all([getT(), requireActor()]);
  const environment = await currentEnvironment(actor);
  const [keys, systems, requests] = await Promise.all([
    listKeys(actor, environment.id), listSystems(actor, environment.id), listRequests(actor, environment.id),
  ]);
  const steps = [
    { label: t("dashboard.step.key"), done: keys.length > 0, href: "/environment" },
    { label: t("dashboard.step.system"), done: systems.length > 0, href: "/systems/new" },
    { label: t("dashboard.step.request"), done: requests.length > 0, href: "/requests" },
    { label: t("dashboard.step.accepted"), done: requests.some((r) => r.status === "Accepted"), href: "/customers" },
  ];
  return (
    <>
      <PageHeader title={t("dashboard.title")} />
      <Card title={`${t("dashboard.checklist")} · ${environment.name}`}>
        <ol className="space-y-3">
          {steps.map((s, i) => (
            <li key={s.href} className="flex items-center gap-3">
              <span aria-hidden className={`flex h-7 w-7 items-center justify-center rounded-full text-sm font-bold ${s.done ? "bg-green-700 text-white" : "bg-slate-200 text-slate-800"}`}>{s.done ? "✓" : i + 1}</span>
              <Link href={s.href} className="text-brand-700 underline">{s.label}</Link>
              <span className="text-sm text-slate-700">({s.done ? t("dashboard.done") : t("dashboard.todo")})</span>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
