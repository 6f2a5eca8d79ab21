"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { deleteSystemAction } from "../actions";

/** Typing the system id is the confirmation: a stray click deletes nothing. */
export function DeleteSystemForm({ id, systemId }: { id: string; systemId: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(deleteSystemAction, {});
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <p className="mb-3 text-sm">{t("sysreg.delete.explain")}</p>
      <input type="hidden" name="id" value={id} />
      <TextField
        name="confirm"
        label={t("sysreg.delete.label", { id: systemId })}
        autoComplete="off"
        defaultValue={state.values?.confirm}
        errors={state.errors?.confirm}
      />
      <button
        type="submit"
        disabled={pending}
        className="inline-flex items-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:bg-slate-400"
      >
        {t("sysreg.delete.submit")}
      </button>
    </form>
  );
}
