import { Card } from "@/components/ui/page-header";
import type { Scope } from "@/lib/environments/types";
import type { Locale, Translate } from "@/lib/i18n";
import { selectionPreflight } from "@/lib/preflight/run";
import { checkText } from "@/lib/preflight/text";

/**
 * Before a bulk job starts: how many rows Altinn would refuse, per reason. A failing system check fails
 * every row; an organisation the Entity Register does not know fails its own row.
 */
export async function BulkPreflight({
  scope,
  systemId,
  orgNos,
  t,
  locale,
}: {
  scope: Scope;
  systemId: string;
  orgNos: string[];
  t: Translate;
  locale: Locale;
}) {
  const result = await selectionPreflight(scope, { systemId, orgNos, kind: "standard" });
  const list = (items: typeof result.reasons) => (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {items.map((r) => (
        <li key={r.reason}>
          {t("preflight.selection.reason", { count: r.count, text: checkText(t, locale, r.check) })}
        </li>
      ))}
    </ul>
  );
  return (
    <Card title={t("preflight.selection.title")}>
      <p
        className={`mb-2 font-semibold ${result.failing.length ? "text-red-800" : "text-green-800"}`}
        data-testid="bulk-preflight"
      >
        {result.failing.length
          ? t("preflight.selection.summary", { failing: result.failing.length, total: result.total })
          : t("preflight.selection.allPass", { total: result.total })}
      </p>
      {result.reasons.length > 0 && list(result.reasons)}
      {result.warnings.length > 0 && (
        <>
          <p className="mt-3 mb-1 text-sm font-medium">{t("preflight.warnings")}</p>
          {list(result.warnings)}
        </>
      )}
    </Card>
  );
}
