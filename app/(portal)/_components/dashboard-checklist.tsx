import Link from "next/link";
import type { Dashboard } from "@/lib/dashboard/queries";
import type { Translate } from "@/lib/i18n";
import { Card } from "@/components/ui/page-header";

/** The first steps in an environment, each linked to where it is done. */
export function DashboardChecklist({
  steps,
  environment,
  t,
}: {
  steps: Dashboard["steps"];
  environment: string;
  t: Translate;
}) {
  const items = [
    { label: t("dashboard.step.key"), done: steps.key, href: "/environment" },
    { label: t("dashboard.step.system"), done: steps.system, href: "/systems/new" },
    { label: t("dashboard.step.request"), done: steps.request, href: "/requests" },
    { label: t("dashboard.step.accepted"), done: steps.accepted, href: "/customers" },
  ];
  return (
    <Card title={`${t("dashboard.checklist")} · ${environment}`}>
      <ol className="space-y-3">
        {items.map((s, i) => (
          <li key={s.href} className="flex items-center gap-3">
            <span
              aria-hidden
              className={`flex h-7 w-7 items-center justify-center rounded-full text-sm font-bold ${s.done ? "bg-green-700 text-white" : "bg-slate-200 text-slate-800"}`}
            >
              {s.done ? "✓" : i + 1}
            </span>
            <Link href={s.href} className="text-brand-700 underline">
              {s.label}
            </Link>
            <span className="text-sm text-slate-700">({s.done ? t("dashboard.done") : t("dashboard.todo")})</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
