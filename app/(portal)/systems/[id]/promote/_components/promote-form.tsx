"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { promoteSystemAction } from "../actions";

/** Typing production's short name is the confirmation, as for editing a production environment. */
export function PromoteForm({ id, target }: { id: string; target: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(promoteSystemAction, {});
  return (
    <form action={formAction} noValidate className="rounded-md border-2 border-red-700 bg-red-50 p-4">
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="target" value={target} />
      <TextField
        name="confirm"
        label={t("promotion.confirm", { slug: target })}
        autoComplete="off"
        spellCheck={false}
        errors={state.errors?.confirm}
      />
      <button
        type="submit"
        disabled={pending}
        className="inline-flex items-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:bg-slate-400"
      >
        {t("promotion.apply")}
      </button>
    </form>
  );
}
