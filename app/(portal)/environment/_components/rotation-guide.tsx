import type { KeyView } from "@/lib/keys/queries";
import type { Translate } from "@/lib/i18n";

/**
 * Where the environment stands in the four rotation steps. The current step is marked for screen
 * readers too (aria-current), not by colour alone.
 */
export function RotationGuide({ keys, hasDigdirApi, t }: { keys: KeyView[]; hasDigdirApi: boolean; t: Translate }) {
  if (!keys.some((k) => k.state === "active")) return null;
  const next = keys.find((k) => k.state === "next");
  const retiring = keys.some((k) => k.state === "retiring");
  const current = next ? (next.verifiedAt ? 3 : 2) : retiring ? 4 : 1;
  const steps = [
    t("keys.guide.add"),
    t(hasDigdirApi ? "keys.guide.registerApi" : "keys.guide.registerManual"),
    t("keys.guide.activate"),
    t("keys.guide.retire"),
  ];
  return (
    <section aria-labelledby="rotation-title" className="mb-4 rounded-md border border-slate-300 bg-slate-50 p-4">
      <h3 id="rotation-title" className="font-semibold">
        {t("keys.guide.title")}
      </h3>
      <p className="mb-2 text-sm text-slate-700">{t("keys.guide.intro")}</p>
      <ol className="space-y-1 text-sm">
        {steps.map((label, i) => {
          const n = i + 1;
          const state = n < current ? "done" : n === current ? "current" : "todo";
          return (
            <li
              key={label}
              aria-current={state === "current" ? "step" : undefined}
              className={state === "current" ? "font-semibold" : ""}
            >
              {n}. {label} <span className="text-slate-700">({t(`keys.guide.${state}`)})</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
