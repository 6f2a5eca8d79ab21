"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { setRetentionAction } from "../actions";

/** Admins set how long events are kept; empty keeps them forever. */
export function RetentionForm({ days }: { days: number | null }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(setRetentionAction, {});
  // The browser's own range check would answer in its language and hide ours: the server checks.
  return (
    <form action={formAction} noValidate className="max-w-sm">
      <FormMessage state={state} />
      <TextField
        name="days"
        type="number"
        inputMode="numeric"
        min={30}
        max={36_500}
        step={1}
        label={t("audit.integrity.days")}
        hint={t("audit.integrity.daysHint")}
        errors={state.errors?.days}
        defaultValue={state.values?.days ?? (days === null ? "" : String(days))}
      />
      <Button type="submit" disabled={pending}>
        {t("audit.integrity.save")}
      </Button>
    </form>
  );
}
