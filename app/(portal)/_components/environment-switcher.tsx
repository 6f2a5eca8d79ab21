"use client";
import { useActionState } from "react";
import { usePathname } from "next/navigation";
import { useLocale } from "@/components/providers";
import { switchEnvironmentAction } from "../environments/actions";

type Option = { slug: string; name: string; production: boolean };

/**
 * One click per environment: each is a submit button of one small form, so it works without
 * JavaScript too. The server sets the cookie and sends the user back to the same section.
 */
export function EnvironmentSwitcher({
  label,
  current,
  options,
  productionLabel,
}: {
  label: string;
  current: string;
  options: Option[];
  productionLabel: string;
}) {
  const locale = useLocale();
  const path = usePathname();
  const [state, formAction, pending] = useActionState(switchEnvironmentAction, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="back" value={path} />
      <fieldset className="flex flex-wrap items-center gap-1">
        <legend className="float-left mr-2 text-sm font-medium">{label}:</legend>
        {options.map((o) => {
          const active = o.slug === current;
          return (
            <button
              key={o.slug}
              type="submit"
              name="slug"
              value={o.slug}
              aria-pressed={active}
              disabled={pending}
              className={`rounded border px-2 py-1 text-sm ${active ? "border-white bg-white font-semibold text-slate-900" : "border-white/70 text-white hover:bg-brand-700"}`}
            >
              {o.name}
              {o.production && (
                <>
                  {" "}
                  <span className="ml-1 rounded bg-red-700 px-1 text-xs font-bold text-white">{productionLabel}</span>
                </>
              )}
            </button>
          );
        })}
      </fieldset>
      {state.message && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-sm text-red-900">
          {state.message[locale]}
        </p>
      )}
    </form>
  );
}
