import type { EnvironmentView } from "@/lib/environments/types";

const styles: Record<EnvironmentView["kind"], string> = {
  emulator: "border-slate-600 bg-slate-100 text-slate-900",
  test: "border-amber-700 bg-amber-50 text-amber-900",
  // Production stands out by its words as much as its colour (WCAG 1.4.1).
  production: "border-red-800 bg-red-700 text-white uppercase tracking-wide",
};

export function KindBadge({ kind, label }: { kind: EnvironmentView["kind"]; label: string }) {
  return (
    <span data-kind={kind} className={`inline-block rounded border px-2 py-0.5 text-xs font-bold ${styles[kind]}`}>
      {kind === "production" && <span aria-hidden>⚠ </span>}
      {label}
    </span>
  );
}
