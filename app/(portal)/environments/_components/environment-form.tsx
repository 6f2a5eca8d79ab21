"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { TextArea, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createEnvironmentAction, updateEnvironmentAction } from "../actions";

export type EnvironmentFormValues = Record<
  | "name"
  | "slug"
  | "vendorOrgNo"
  | "clientId"
  | "scopes"
  | "maskinportenIssuer"
  | "maskinportenTokenUrl"
  | "altinnBaseUrl"
  | "allowedHosts"
  | "digdirApiUrl"
  | "serviceOwnerTestUrl"
  | "systemUserScopes"
  | "idportenIssuer"
  | "idportenClientId",
  string
>;

type Props = { kind: "emulator" | "test" | "production"; initial: EnvironmentFormValues; callbackUrl: string } & (
  { mode: "create" } | { mode: "edit"; id: string }
);

/** One form for new and existing environments; kind and slug are fixed once created. */
export function EnvironmentForm(props: Props) {
  const t = useT();
  const { kind, initial, mode, callbackUrl } = props;
  const [state, formAction, pending] = useActionState(
    mode === "create" ? createEnvironmentAction : updateEnvironmentAction,
    {},
  );
  const value = (n: keyof EnvironmentFormValues) => state.values?.[n] ?? initial[n];
  const err = (n: string) => state.errors?.[n];
  const text = (n: keyof EnvironmentFormValues, label: string, extra: { hint?: string; required?: boolean } = {}) => (
    <TextField
      name={n}
      label={label}
      defaultValue={value(n)}
      errors={err(n)}
      autoComplete="off"
      spellCheck={false}
      {...extra}
    />
  );
  const urlsFixed = kind === "emulator";
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      {mode === "create" ? (
        <input type="hidden" name="kind" value={kind} />
      ) : (
        <input type="hidden" name="id" value={props.id} />
      )}
      {mode === "edit" && <input type="hidden" name="urls" value={urlsFixed ? "fixed" : "editable"} />}
      {text("name", t("envs.field.name"), { required: true })}
      {mode === "create" && text("slug", t("envs.field.slug"), { hint: t("envs.field.slugHint"), required: true })}
      {text("vendorOrgNo", t("envs.field.vendorOrgNo"), { required: true })}
      {text("clientId", t("envs.field.clientId"), { required: true })}
      {text("scopes", t("envs.field.scopes"), { required: true })}
      {urlsFixed ? (
        <p className="mb-4 text-sm text-slate-700">{t("envs.urlsFixed")}</p>
      ) : (
        <>
          {text("maskinportenIssuer", t("envs.field.issuer"), { required: true })}
          {text("maskinportenTokenUrl", t("envs.field.tokenUrl"), { required: true })}
          {text("altinnBaseUrl", t("envs.field.altinn"), { required: true })}
        </>
      )}
      <TextArea
        name="allowedHosts"
        label={t("envs.field.hosts")}
        rows={3}
        defaultValue={value("allowedHosts")}
        errors={err("confirmUrlHosts")}
        spellCheck={false}
        aria-describedby="allowedHosts-error allowedHosts-hint"
      />
      <p id="allowedHosts-hint" className="-mt-3 mb-4 text-xs text-slate-700">
        {t("envs.field.hostsHint")}
      </p>
      {!urlsFixed && text("digdirApiUrl", t("envs.field.digdir"))}
      {!urlsFixed &&
        text("serviceOwnerTestUrl", t("envs.field.serviceOwner"), { hint: t("envs.field.serviceOwnerHint") })}
      {!urlsFixed && text("idportenIssuer", t("envs.idportenIssuer"), { hint: t("envs.idportenIssuer.hint") })}
      {!urlsFixed &&
        text("idportenClientId", t("envs.idportenClientId"), {
          hint: t("envs.idportenClientId.hint", { url: callbackUrl }),
        })}
      {text("systemUserScopes", t("envs.field.systemUserScopes"), { hint: t("envs.field.systemUserScopesHint") })}
      {mode === "edit" && kind === "production" && (
        <div className="mb-4 rounded-md border-2 border-red-700 bg-red-50 p-4">
          <p className="mb-2 text-sm font-semibold text-red-900">{t("envs.productionWarning")}</p>
          <TextField
            name="slugCheck"
            label={t("envs.field.slugCheck", { slug: initial.slug })}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </div>
      )}
      <Button type="submit" disabled={pending}>
        {mode === "create" ? t("envs.create") : t("envs.save")}
      </Button>
    </form>
  );
}
