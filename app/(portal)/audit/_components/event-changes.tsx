import type { Translate } from "@/lib/i18n";
import { showValue, type DetailView, type FieldChange } from "@/lib/audit/diff";

const KIND_STYLE: Record<FieldChange["kind"], string> = {
  removed: "border-red-700 bg-red-50 text-red-900",
  added: "border-green-700 bg-green-50 text-green-900",
  changed: "border-amber-700 bg-amber-50 text-amber-900",
};

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <span className="text-slate-700">–</span>;
  return <pre className="whitespace-pre-wrap break-all font-mono text-xs">{showValue(value)}</pre>;
}

/** A change event's fields: what was removed, added or changed, with the value before and after. */
export function EventChanges({ changes, t }: { changes: FieldChange[]; t: Translate }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{t("audit.detail.changes")}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="py-2 pr-3">
            {t("audit.detail.field")}
          </th>
          <th scope="col" className="pr-3">
            {t("audit.detail.kind")}
          </th>
          <th scope="col" className="pr-3">
            {t("audit.detail.before")}
          </th>
          <th scope="col">{t("audit.detail.after")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} className="border-b border-slate-200 align-top" data-change={c.kind}>
            <th scope="row" className="py-2 pr-3 font-mono font-normal">
              {c.field}
            </th>
            <td className="pr-3">
              <span className={`rounded border px-2 py-0.5 text-xs font-semibold ${KIND_STYLE[c.kind]}`}>
                {t(`audit.detail.${c.kind}`)}
              </span>
            </td>
            <td className="pr-3">
              <Value value={"before" in c ? c.before : undefined} present={c.kind !== "added"} />
            </td>
            <td>
              <Value value={"after" in c ? c.after : undefined} present={c.kind !== "removed"} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The detail's other fields, nested ones as JSON. */
export function EventDetailFields({ rest, t }: { rest: DetailView["rest"]; t: Translate }) {
  if (rest.length === 0) return <p>{t("audit.detail.none")}</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
      {rest.map(([key, value]) => [
        <dt key={`${key}-k`} className="font-mono text-sm font-medium">
          {key || t("audit.detail.value")}
        </dt>,
        <dd key={`${key}-v`}>
          <Value value={value} present />
        </dd>,
      ])}
    </dl>
  );
}
