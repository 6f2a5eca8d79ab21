"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { API_SCOPES, DEFAULT_API_SCOPES } from "@/lib/auth/api-scopes";
import { createApiKeyAction } from "../actions";

export function CreateKeyForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState(createApiKeyAction, {});
  const secret = state.ok ? state.result?.secret : undefined;
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      {secret && (
        <div className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-sm">
          <p className="mb-2 font-medium">{t("apikeys.showOnce")}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1">
              {secret}
            </code>
            <CopyButton text={secret} />
          </div>
        </div>
      )}
      <TextField
        name="name"
        label={t("apikeys.name")}
        hint={t("apikeys.nameHint")}
        errors={state.errors?.name}
        required
        maxLength={80}
      />
      <fieldset className="mb-4">
        <legend className="text-sm font-medium">{t("apikeys.scopes")}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {API_SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s} defaultChecked={DEFAULT_API_SCOPES.includes(s)} />
              <code>{s}</code>
              <span className="text-slate-700">{t(`apikeys.scope.${s}`)}</span>
            </label>
          ))}
        </div>
        {state.errors?.scopes?.map((e) => (
          <p key={e} className="text-sm text-red-700">
            {t(e)}
          </p>
        ))}
      </fieldset>
      <TextField
        name="expiresInDays"
        type="number"
        min={1}
        max={730}
        label={t("apikeys.expires")}
        hint={t("apikeys.expiresHint")}
        errors={state.errors?.expiresInDays}
      />
      <Button type="submit" disabled={pending}>
        {t("apikeys.create")}
      </Button>
    </form>
  );
}
