"use client";
import { useState } from "react";
import { useT } from "@/components/providers";
import { TextField } from "@/components/ui/field";

/** Client ids with a live hint when one already sits on another of the portal's systems (AUTH.VLD-00004). */
export function ClientIdField({
  defaultValue,
  owners,
  errors,
}: {
  defaultValue: string;
  owners: Record<string, string>;
  errors?: string[];
}) {
  const t = useT();
  const [value, setValue] = useState(defaultValue);
  const clashes = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((c) => (owners[c.toLowerCase()] ? [[c, owners[c.toLowerCase()] ?? ""] as const] : []));
  return (
    <>
      <TextField
        name="clientIds"
        label={t("systemForm.clientIds")}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        hint={t("sysreg.clientHint")}
        errors={errors}
      />
      <div aria-live="polite" className="-mt-3 mb-4 text-sm text-amber-900">
        {clashes.map(([clientId, system]) => (
          <p key={clientId}>{t("sysreg.clientInUse", { clientId, system })}</p>
        ))}
      </div>
    </>
  );
}

/** What a visible system means in Altinn, beside the checkbox that sets it. */
export function VisibleField({ defaultChecked, errors }: { defaultChecked: boolean; errors?: string[] }) {
  const t = useT();
  return (
    <div className="mb-6">
      <div className="flex items-center gap-2">
        <input
          id="isVisible"
          name="isVisible"
          type="checkbox"
          className="h-4 w-4"
          defaultChecked={defaultChecked}
          aria-describedby="isVisible-help isVisible-error"
          aria-invalid={errors?.length ? true : undefined}
        />
        <label htmlFor="isVisible" className="text-sm">
          {t("systemForm.visible")}
        </label>
      </div>
      <p id="isVisible-help" className="mt-1 text-xs text-slate-700">
        {t("sysreg.visibleHelp")}
      </p>
      <div id="isVisible-error" aria-live="polite" className="text-sm text-red-700">
        {errors?.map((e) => (
          <p key={e}>{t(e)}</p>
        ))}
      </div>
    </div>
  );
}
