"use client";
import { useActionState, useState } from "react";
import { useT } from "@/components/providers";
import { FieldErrors, TextArea, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { AccessPackagePlanner } from "@/components/access-package-planner";
import type { Catalogue } from "@/lib/systems/catalogue/model";
import { ClientIdField, VisibleField } from "../../../_components/client-id-field";
import { updateSystemAction } from "../../actions";

type Text3 = { nb: string; nn: string; en: string };
type Props = {
  system: {
    id: string;
    systemId: string;
    vendorOrgNo: string;
    name: Text3;
    description: Text3;
    accessPackages: string[];
    otherPackages: string[];
    rights: string[];
    redirectUrls: string[];
    clientIds: string[];
    isVisible: boolean;
  };
  catalogue: Catalogue;
  owners: Record<string, string>;
  portalCallback: string;
};

export function EditSystemForm({ system, catalogue, owners, portalCallback }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState(updateSystemAction, {});
  const v = state.values;
  const e = state.errors ?? {};
  const [redirects, setRedirects] = useState(v?.redirectUrls ?? system.redirectUrls.join("\n"));
  const selected = v ? (v.accessPackages ?? "").split("\n").filter(Boolean) : system.accessPackages;
  const text = (key: string, fallback: string) => v?.[key] ?? fallback;
  return (
    <form action={formAction} noValidate className="rounded-lg border border-slate-300 bg-white p-6">
      <FormMessage state={state} />
      <p className="mb-4 text-sm text-slate-700">{t("sysreg.edit.intro")}</p>
      <input type="hidden" name="id" value={system.id} />
      <dl className="mb-4 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("sysreg.edit.systemId")}</dt>
        <dd>
          <span className="font-mono">{system.systemId}</span>
          <FieldErrors name="systemId" errors={e.systemId} />
        </dd>
        <dt className="font-medium">{t("sysreg.edit.vendor")}</dt>
        <dd>
          <span className="font-mono">0192:{system.vendorOrgNo}</span>
          <FieldErrors name="vendor" errors={e.vendor} />
        </dd>
      </dl>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField
          name="nameNb"
          label={t("systemForm.nameNb")}
          defaultValue={text("nameNb", system.name.nb)}
          errors={e.nameNb}
        />
        <TextField
          name="nameNn"
          label={t("systemForm.nameNn")}
          defaultValue={text("nameNn", system.name.nn)}
          errors={e.nameNn}
        />
        <TextField
          name="nameEn"
          label={t("systemForm.nameEn")}
          defaultValue={text("nameEn", system.name.en)}
          errors={e.nameEn}
        />
      </div>
      <TextArea
        name="descriptionNb"
        label={t("systemForm.descNb")}
        defaultValue={text("descriptionNb", system.description.nb)}
        errors={e.descriptionNb}
      />
      <TextArea
        name="descriptionNn"
        label={t("systemForm.descNn")}
        defaultValue={text("descriptionNn", system.description.nn)}
        errors={e.descriptionNn}
      />
      <TextArea
        name="descriptionEn"
        label={t("systemForm.descEn")}
        defaultValue={text("descriptionEn", system.description.en)}
        errors={e.descriptionEn}
      />
      <fieldset className="mb-4" aria-describedby="accessPackages-error">
        <legend className="mb-2 text-sm font-medium">{t("systemForm.packages")}</legend>
        <AccessPackagePlanner catalogue={catalogue} selected={selected} />
        {system.otherPackages.length > 0 && (
          // Packages the picker does not offer (e.g. client packages set elsewhere) go back unchanged.
          <div className="mt-2 text-sm">
            <p className="font-medium">{t("sysreg.edit.otherPackages")}</p>
            <ul className="list-disc pl-5">
              {system.otherPackages.map((u) => (
                <li key={u} className="font-mono">
                  {u}
                  <input type="hidden" name="accessPackages" value={u} />
                </li>
              ))}
            </ul>
          </div>
        )}
        <FieldErrors name="accessPackages" errors={e.accessPackages} />
      </fieldset>
      <TextArea
        name="rights"
        label={t("sysreg.edit.rights")}
        rows={3}
        defaultValue={v ? v.rights : system.rights.join("\n")}
        errors={e.rights}
        aria-describedby="rights-hint rights-error"
        spellCheck={false}
      />
      <p id="rights-hint" className="-mt-3 mb-4 text-xs text-slate-700">
        {t("sysreg.edit.rightsHint")}
      </p>
      <TextArea
        name="redirectUrls"
        label={t("sysreg.redirectUrls")}
        rows={3}
        value={redirects}
        onChange={(ev) => setRedirects(ev.target.value)}
        errors={e.redirectUrls}
        aria-describedby="redirectUrls-hint redirectUrls-error"
      />
      <p id="redirectUrls-hint" className="-mt-3 mb-2 text-xs text-slate-700">
        {t("sysreg.redirectHint", { url: portalCallback })}
      </p>
      {!redirects.split(/\s+/).includes(portalCallback) && (
        <Button
          type="button"
          variant="secondary"
          className="mb-4"
          onClick={() => setRedirects((r) => [r.trim(), portalCallback].filter(Boolean).join("\n"))}
        >
          {t("sysreg.addPortalCallback")}
        </Button>
      )}
      <ClientIdField defaultValue={v?.clientIds ?? system.clientIds.join(" ")} owners={owners} errors={e.clientIds} />
      <VisibleField defaultChecked={v ? v.isVisible === "on" : system.isVisible} errors={e.isVisible} />
      <FieldErrors name="_form" errors={e._form} />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("sysreg.edit.submit")}
      </Button>
    </form>
  );
}
