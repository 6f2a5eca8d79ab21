"use client";
import { useActionState, useState } from "react";
import { useT } from "@/components/providers";
import { FieldErrors, TextArea, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createSystemAction } from "../actions";
import { AccessPackagePlanner } from "@/components/access-package-planner";
import type { Catalogue } from "@/lib/systems/catalogue/model";
import { ClientIdField, VisibleField } from "../../_components/client-id-field";

type Props = {
  vendorOrgNo: string;
  defaultRedirect: string;
  defaultClientId: string;
  catalogue: Catalogue;
  owners: Record<string, string>;
};

export function SystemForm({ vendorOrgNo, defaultRedirect, defaultClientId, catalogue, owners }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState(createSystemAction, {});
  const v = state.values ?? {};
  const [name, setName] = useState(v.name ?? "");
  const e = state.errors ?? {};
  return (
    <form action={formAction} noValidate className="rounded-lg border border-slate-300 bg-white p-6">
      <FormMessage state={state} />
      <TextField
        name="name"
        label={t("systemForm.name")}
        value={name}
        onChange={(ev) => setName(ev.target.value)}
        errors={e.name}
        hint={t("systemForm.idPreview", { id: `${vendorOrgNo}_${name || "…"}` })}
      />
      <FieldErrors name="vendor" errors={e.vendor} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField name="nameNb" label={t("systemForm.nameNb")} defaultValue={v.nameNb} errors={e.nameNb} />
        <TextField name="nameNn" label={t("systemForm.nameNn")} defaultValue={v.nameNn} errors={e.nameNn} />
        <TextField name="nameEn" label={t("systemForm.nameEn")} defaultValue={v.nameEn} errors={e.nameEn} />
      </div>
      <TextArea
        name="descriptionNb"
        label={t("systemForm.descNb")}
        defaultValue={v.descriptionNb}
        errors={e.descriptionNb}
      />
      <TextArea
        name="descriptionNn"
        label={t("systemForm.descNn")}
        defaultValue={v.descriptionNn}
        errors={e.descriptionNn}
      />
      <TextArea
        name="descriptionEn"
        label={t("systemForm.descEn")}
        defaultValue={v.descriptionEn}
        errors={e.descriptionEn}
      />
      <fieldset className="mb-4" aria-describedby="accessPackages-error">
        <legend className="mb-2 text-sm font-medium">{t("systemForm.packages")}</legend>
        <AccessPackagePlanner catalogue={catalogue} selected={(v.accessPackages ?? "").split("\n").filter(Boolean)} />
        <FieldErrors name="accessPackages" errors={e.accessPackages} />
      </fieldset>
      <TextField
        name="redirectUrl"
        type="url"
        label={t("systemForm.redirect")}
        defaultValue={v.redirectUrl ?? defaultRedirect}
        hint={t("systemForm.redirectHint")}
        errors={e.redirectUrl}
      />
      <ClientIdField defaultValue={v.clientIds ?? defaultClientId} owners={owners} errors={e.clientIds} />
      <VisibleField defaultChecked={v.isVisible === "on"} errors={e.isVisible} />
      <FieldErrors name="_form" errors={e._form} />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("systemForm.submit")}
      </Button>
    </form>
  );
}
