"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/auth/action-state";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { changeRoleAction, resetPasswordAction } from "../actions";
import { OneTimePassword } from "./one-time-password";
import { RoleSelect } from "./role-select";

type ServerAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** One button that changes one thing about a user, with the hint that says what it does. */
export function UserButtonForm({
  action,
  id,
  on,
  label,
  hint,
  name,
}: {
  action: ServerAction;
  id: string;
  on?: boolean;
  label: string;
  hint: string;
  /** Tells the forms on one page apart (ids must be unique). */
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      {on !== undefined && <input type="hidden" name="on" value={String(on)} />}
      <p id={`${name}-hint`} className="mb-3 max-w-2xl text-sm">
        {hint}
      </p>
      <Button type="submit" variant="secondary" disabled={pending} aria-describedby={`${name}-hint`}>
        {label}
      </Button>
    </form>
  );
}

export function RoleForm({ id, role }: { id: string; role: RoleName }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(changeRoleAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <p className="mb-3 max-w-2xl text-sm">{t("users.roleHint")}</p>
      <RoleSelect id="user-role" defaultValue={role} roles={ROLES} errors={state.errors?.role} />
      <Button type="submit" disabled={pending}>
        {t("users.changeRole")}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ id, email }: { id: string; email: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(resetPasswordAction, {});
  const password = state.ok ? state.result?.password : undefined;
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      {password && <OneTimePassword intro={t("users.showOnce", { email })} password={password} />}
      <input type="hidden" name="id" value={id} />
      <p id="reset-hint" className="mb-3 max-w-2xl text-sm">
        {t("users.resetHint")}
      </p>
      <Button type="submit" variant="secondary" disabled={pending} aria-describedby="reset-hint">
        {t("users.reset")}
      </Button>
    </form>
  );
}
