"use client";
import { useT } from "@/components/providers";

/** Standard or agent request; used by the single and the selection forms. */
export function KindSelect({ id, defaultValue }: { id: string; defaultValue?: string }) {
  const t = useT();
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium">
        {t("agents.kind")}
      </label>
      <select
        id={id}
        name="kind"
        defaultValue={defaultValue ?? "standard"}
        className="mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm"
      >
        <option value="standard">{t("agents.kind.standard")}</option>
        <option value="agent">{t("agents.kind.agent")}</option>
      </select>
    </div>
  );
}
