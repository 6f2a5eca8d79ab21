"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useLocale, useT } from "@/components/providers";
import { packageUse, type Catalogue, type CataloguePackage } from "@/lib/systems/catalogue/model";
import { planWarnings } from "@/lib/systems/catalogue/plan";

type Props = {
  catalogue: Catalogue;
  selected: string[];
  /** The form's isVisible checkbox: client packages cannot go on a visible system (AUTH.VLD-00018). */
  visibleInputId?: string;
  name?: string;
};

const USE_STYLE = {
  both: "",
  standard: "border-sky-700 bg-sky-50 text-sky-900",
  agent: "border-amber-700 bg-amber-50 text-amber-900",
  none: "border-slate-500 bg-slate-100 text-slate-800",
};

/**
 * Searchable catalogue grouped by area, with the flags that decide where a package can be used. Every
 * checkbox stays in the DOM (hidden when filtered out) so a search never drops a choice from the form.
 * The boxes are uncontrolled: React resets a form after its action, and the DOM is then the truth, so
 * the summary is re-read from the boxes on every reset.
 */
export function AccessPackagePlanner({
  catalogue,
  selected: initial,
  visibleInputId = "isVisible",
  name = "accessPackages",
}: Props) {
  const t = useT();
  const locale = useLocale();
  const [selected, setSelected] = useState(() => new Set(initial));
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const form = root.current?.closest("form");
    if (!form) return;
    const reread = () =>
      setTimeout(() => {
        const boxes = form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`);
        setSelected(new Set([...boxes].filter((b) => b.checked).map((b) => b.value)));
      }, 0);
    form.addEventListener("reset", reread);
    return () => form.removeEventListener("reset", reread);
  }, [name]);
  const initialSet = useMemo(() => new Set(initial), [initial]);
  const [query, setQuery] = useState("");
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const box = document.getElementById(visibleInputId);
    if (!(box instanceof HTMLInputElement)) return;
    const sync = () => setVisible(box.checked);
    sync();
    box.addEventListener("change", sync);
    return () => box.removeEventListener("change", sync);
  }, [visibleInputId]);

  const byUrn = useMemo(
    () => new Map(catalogue.groups.flatMap((g) => g.areas.flatMap((a) => a.packages.map((p) => [p.urn, p] as const)))),
    [catalogue],
  );
  const q = query.trim().toLowerCase();
  const matches = (p: CataloguePackage) =>
    !q ||
    p.urn.toLowerCase().includes(q) ||
    p.name[locale].toLowerCase().includes(q) ||
    p.description[locale].toLowerCase().includes(q);
  const chosen = [...selected].flatMap((u) => (byUrn.get(u) ? [byUrn.get(u) as CataloguePackage] : []));
  const warnings = planWarnings(chosen, visible);
  const toggle = (urn: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(urn);
      else n.delete(urn);
      return n;
    });

  return (
    <div ref={root}>
      <div className="mb-2 flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          {t("planner.search")}
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="ml-2 rounded-md border border-slate-400 px-2 py-1"
          />
        </label>
        <span className="text-xs text-slate-700">
          {t(catalogue.source === "altinn" ? "planner.sourceAltinn" : "planner.sourceSnapshot")}
        </span>
      </div>
      <div role="status" aria-live="polite" className="mb-2 text-sm">
        <p>{t("planner.selected", { count: chosen.length })}</p>
        {warnings.map((w) => (
          <p
            key={w.code}
            data-warning={w.code}
            className={w.blocking ? "font-semibold text-red-900" : "text-amber-900"}
          >
            {t(`planner.warn.${w.code}`, { packages: w.packages.map((p) => p.name[locale]).join(", ") })}
          </p>
        ))}
      </div>
      <div className="max-h-[28rem] overflow-y-auto rounded-md border border-slate-400 p-3">
        {catalogue.groups.map((g) => (
          <div key={g.id} className="mb-3" hidden={!g.areas.some((a) => a.packages.some(matches))}>
            <p className="text-sm font-semibold">
              {g.name[locale]}
              {g.forOrganisations ? "" : ` (${t("planner.personGroup")})`}
            </p>
            {g.areas.map((a) => {
              const shown = a.packages.filter(matches);
              return (
                <details
                  key={a.id}
                  className="ml-2"
                  hidden={shown.length === 0}
                  open={(q !== "" && shown.length > 0) || a.packages.some((p) => selected.has(p.urn)) || undefined}
                >
                  <summary className="cursor-pointer py-1 text-sm">
                    {a.name[locale]} <span className="text-slate-700">({a.packages.length})</span>
                  </summary>
                  <ul className="ml-4">
                    {a.packages.map((p) => {
                      const id = `pkg-${p.urn.split(":").pop()}`;
                      const use = packageUse(p);
                      return (
                        <li key={p.urn} className="flex flex-wrap items-center gap-2 py-0.5" hidden={!matches(p)}>
                          <input
                            id={id}
                            type="checkbox"
                            name={name}
                            value={p.urn}
                            className="h-4 w-4"
                            defaultChecked={initialSet.has(p.urn)}
                            disabled={use === "none" && !selected.has(p.urn)}
                            aria-describedby={use === "both" ? undefined : `${id}-use`}
                            onChange={(e) => toggle(p.urn, e.target.checked)}
                          />
                          <label htmlFor={id} className="text-sm" title={p.description[locale]}>
                            {p.name[locale]}
                          </label>
                          {use !== "both" && (
                            <span id={`${id}-use`} className={`rounded border px-1.5 text-xs ${USE_STYLE[use]}`}>
                              {t(`planner.use.${use}`)}
                            </span>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </details>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
