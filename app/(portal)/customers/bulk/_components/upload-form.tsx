"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { previewBulkAction } from "../actions";

const control = "mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm";

export function UploadForm({ systems }: { systems: { id: string; label: string }[] }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(previewBulkAction, {});
  return (
    <form action={formAction} noValidate aria-label={t("bulk.upload")}>
      <FormMessage state={state} />
      <div className="mb-4">
        <label htmlFor="bulk-system" className="block text-sm font-medium">
          {t("bulk.system")}
        </label>
        <select
          id="bulk-system"
          name="systemId"
          defaultValue={state.values?.systemId}
          className={control}
          aria-describedby="systemId-error"
        >
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <FieldErrors name="systemId" errors={state.errors?.systemId} />
      </div>
      <div className="mb-4">
        <label htmlFor="bulk-file" className="block text-sm font-medium">
          {t("bulk.file")}
        </label>
        <input
          id="bulk-file"
          name="file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          className={control}
          aria-invalid={state.errors?.file ? true : undefined}
          aria-describedby="bulk-format file-error"
        />
        <p id="bulk-format" className="mt-1 text-xs text-slate-700">
          {t("bulk.format")}
        </p>
        <FieldErrors name="file" errors={state.errors?.file} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("bulk.preview")}
      </Button>
    </form>
  );
}
