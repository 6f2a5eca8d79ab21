"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { changePasswordAction } from "../actions";

export function PasswordForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState(changePasswordAction, {});
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <TextField
        name="current"
        type="password"
        label={t("password.current")}
        autoComplete="current-password"
        errors={state.errors?.current}
      />
      <TextField
        name="next"
        type="password"
        label={t("password.new")}
        autoComplete="new-password"
        errors={state.errors?.next}
      />
      <TextField
        name="confirm"
        type="password"
        label={t("password.confirm")}
        autoComplete="new-password"
        errors={state.errors?.confirm}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("password.submit")}
      </Button>
    </form>
  );
}
