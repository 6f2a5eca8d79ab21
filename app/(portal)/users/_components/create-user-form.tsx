"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { ROLES } from "@/lib/auth/permissions";
import { createUserAction } from "../actions";
import { OneTimePassword } from "./one-time-password";
import { RoleSelect } from "./role-select";

export function CreateUserForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState(createUserAction, {});
  const created = state.ok ? state.result : undefined;
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      {created?.password && (
        <OneTimePassword intro={t("users.showOnce", { email: created.email ?? "" })} password={created.password} />
      )}
      <TextField
        name="email"
        type="email"
        label={t("users.email")}
        autoComplete="off"
        errors={state.errors?.email}
        defaultValue={state.ok ? "" : state.values?.email}
        required
      />
      <TextField
        name="name"
        label={t("users.name")}
        hint={t("users.nameHint")}
        autoComplete="off"
        errors={state.errors?.name}
        defaultValue={state.ok ? "" : state.values?.name}
        required
      />
      <RoleSelect
        id="new-user-role"
        defaultValue={state.ok ? "operator" : (state.values?.role ?? "operator")}
        roles={ROLES}
      />
      <Button type="submit" disabled={pending}>
        {t("users.create")}
      </Button>
    </form>
  );
}
