import type { Translate } from "@/lib/i18n";
import type { DiffRow } from "@/lib/promotion/plan";

const show = (v: DiffRow["test"] | null, t: Translate) => {
  if (v === null) return "–";
  if (typeof v === "boolean") return v ? t("sysreg.yes") : t("sysreg.no");
  if (Array.isArray(v)) return v.length ? v.join("\n") : "–";
  return String(v);
};

/** Test beside production, field by field; a changed field says so in words, not by colour alone. */
export function DiffTable({
  rows,
  testEnv,
  productionEnv,
  t,
}: {
  rows: readonly DiffRow[];
  testEnv: string;
  productionEnv: string;
  t: Translate;
}) {
  return (
    <div className="mb-4 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("promotion.title")}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-4">
              {t("promotion.field")}
            </th>
            <th scope="col" className="pr-4">
              {t("promotion.test", { env: testEnv })}
            </th>
            <th scope="col" className="pr-4">
              {t("promotion.production", { env: productionEnv })}
            </th>
            <th scope="col">{t("promotion.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className={`border-b border-slate-200 align-top ${r.changed ? "bg-amber-50" : ""}`}>
              <th scope="row" className="py-2 pr-4 font-medium">
                {t(`promotion.f.${r.field}`)}
              </th>
              <td className="whitespace-pre-wrap break-all pr-4 font-mono text-xs">{show(r.test, t)}</td>
              <td className="whitespace-pre-wrap break-all pr-4 font-mono text-xs">{show(r.production, t)}</td>
              <td className="font-semibold">{r.changed ? t("promotion.changed") : t("promotion.same")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
