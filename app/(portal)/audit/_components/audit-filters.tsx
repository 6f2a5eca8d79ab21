import type { ReactNode } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { Locale, Translate } from "@/lib/i18n";
import type { AuditFilterOptions } from "@/lib/audit/search-options";
import { AUDIT_OUTCOMES, type AuditFilterErrors, type AuditFilterField } from "@/lib/audit/search-schema";

const control = "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm";
type Values = Partial<Record<AuditFilterField, string>>;
type Props = { t: Translate; locale: Locale; values: Values; errors: AuditFilterErrors; options: AuditFilterOptions };

/**
 * A plain GET form: the filters live in the URL (shareable, and working without JavaScript). A value
 * the lists do not hold (an old link, a deleted user) stays selected as itself, marked as such.
 */
export function AuditFilters({ t, locale, values, errors, options }: Props) {
  const field = (name: AuditFilterField, label: string, input: (a: FieldAttrs) => ReactNode) => {
    const error = errors[name];
    return (
      <div>
        <label htmlFor={`f-${name}`} className="block text-sm font-medium">
          {label}
        </label>
        {input({
          id: `f-${name}`,
          name,
          defaultValue: values[name] ?? "",
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `f-${name}-error` : undefined,
          className: `${control} ${error ? "border-red-700" : "border-slate-500"}`,
        })}
        {error && (
          <p id={`f-${name}-error`} className="mt-1 text-sm text-red-800">
            {t(error)}
          </p>
        )}
      </div>
    );
  };
  const extra = (value: string | undefined, known: string[]) =>
    value && !known.includes(value) ? <option value={value}>{t("audit.f.unknown", { value })}</option> : null;

  return (
    <form method="get" role="search" aria-label={t("audit.filters")} className="mb-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {field("actor", t("audit.f.actor"), (a) => (
          <select {...a}>
            <option value="">{t("audit.f.anyone")}</option>
            {extra(values.actor, [...options.users.map((u) => u.id), ...options.apiKeys.map((k) => k.id)])}
            <optgroup label={t("audit.f.users")}>
              {options.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name === u.email ? u.email : `${u.name} <${u.email}>`}
                </option>
              ))}
            </optgroup>
            {options.apiKeys.length > 0 && (
              <optgroup label={t("audit.f.apiKeys")}>
                {options.apiKeys.map((k) => (
                  <option key={k.id} value={k.id}>{`${k.name} (${k.prefix}…)`}</option>
                ))}
              </optgroup>
            )}
          </select>
        ))}
        {field("action", t("audit.f.action"), (a) => (
          <select {...a}>
            <option value="">{t("audit.f.anyAction")}</option>
            {extra(values.action, [...options.actionGroups, ...options.actions])}
            <optgroup label={t("audit.f.groups")}>
              {options.actionGroups.map((g) => (
                <option key={g} value={g}>
                  {t("audit.f.group", { group: g })}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("audit.f.actions")}>
              {options.actions.map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </optgroup>
          </select>
        ))}
        {field("targetType", t("audit.f.targetType"), (a) => (
          <select {...a}>
            <option value="">{t("audit.f.anyType")}</option>
            {extra(values.targetType, options.targetTypes)}
            {options.targetTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        ))}
        {field("targetId", t("audit.f.targetId"), (a) => (
          <input type="text" spellCheck={false} {...a} />
        ))}
        {field("org", t("audit.f.org"), (a) => (
          <input type="text" inputMode="numeric" autoComplete="off" {...a} />
        ))}
        {field("system", t("audit.f.system"), (a) => (
          <select {...a}>
            <option value="">{t("audit.f.anySystem")}</option>
            {extra(
              values.system,
              options.systems.map((s) => s.systemId),
            )}
            {options.systems.map((s) => (
              <option key={s.systemId} value={s.systemId}>{`${s.name[locale]} (${s.systemId})`}</option>
            ))}
          </select>
        ))}
        {field("outcome", t("audit.outcome"), (a) => (
          <select {...a}>
            <option value="">{t("audit.f.anyOutcome")}</option>
            {extra(values.outcome, [...AUDIT_OUTCOMES])}
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`audit.${o}`)}
              </option>
            ))}
          </select>
        ))}
        <fieldset className="grid grid-cols-2 gap-3">
          <legend className="sr-only">{t("audit.f.dateHint")}</legend>
          {field("from", t("audit.f.from"), (a) => (
            <input type="date" {...a} />
          ))}
          {field("to", t("audit.f.to"), (a) => (
            <input type="date" {...a} />
          ))}
        </fieldset>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-4">
        <Button type="submit">{t("audit.f.submit")}</Button>
        <Link href="/audit" className="text-sm text-brand-700 underline">
          {t("audit.f.clear")}
        </Link>
        <span className="text-xs text-slate-700">{t("audit.f.dateHint")}</span>
      </div>
    </form>
  );
}

type FieldAttrs = {
  id: string;
  name: string;
  defaultValue: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  className: string;
};
