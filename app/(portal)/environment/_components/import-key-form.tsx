"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { TextArea, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { importKeyAction } from "../actions";

export function ImportKeyForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState(importKeyAction, {});
  return (
    <details className="mb-4">
      <summary className="cursor-pointer text-sm text-brand-700">{t("keys.import")}</summary>
      <form action={formAction} noValidate className="mt-3">
        <FormMessage state={state} />
        <TextArea
          name="key"
          label={t("keys.importKey")}
          rows={6}
          autoComplete="off"
          spellCheck={false}
          errors={state.errors?.key}
        />
        <TextField
          name="kid"
          label={t("keys.importKid")}
          defaultValue={state.ok ? "" : state.values?.kid}
          errors={state.errors?.kid}
        />
        <TextField
          name="expiresAt"
          type="date"
          label={t("keys.importExpires")}
          hint={t("keys.importExpiresHint")}
          defaultValue={state.ok ? "" : state.values?.expiresAt}
          errors={state.errors?.expiresAt}
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("keys.importSubmit")}
        </Button>
      </form>
    </details>
  );
}
