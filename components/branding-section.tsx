import type { ComponentProps } from "react";
import type { Translate } from "@/lib/i18n";
import { Card } from "@/components/ui/page-header";
import { BrandingForm } from "@/components/branding-form";
import { BrandPreview } from "@/components/brand-preview";

type Props = ComponentProps<typeof BrandingForm> & { canEdit: boolean; t: Translate };

/**
 * The branding card on the environment's settings page and on a system's page: the form with its live
 * preview for admins; for operators and auditors, what customers see now and who may change it.
 */
export function BrandingSection({ canEdit, t, ...form }: Props) {
  const title = t(form.mode === "system" ? "brand.system.title" : "brand.title");
  const explain = t(form.mode === "system" ? "brand.system.explain" : "brand.explain");
  if (canEdit)
    return (
      <Card title={title}>
        <p className="mb-4 text-sm text-slate-700">{explain}</p>
        <BrandingForm {...form} />
      </Card>
    );
  const value = (k: "displayName" | "colour" | "supportEmail" | "supportPhone" | "supportUrl") =>
    form.stored?.[k] ?? form.inherited?.[k] ?? null;
  return (
    <Card title={title}>
      <p className="mb-2 text-sm text-slate-700">{explain}</p>
      <p className="text-sm">{form.stored || form.inherited ? t("brand.readOnly") : t("brand.none")}</p>
      <BrandPreview
        name={value("displayName")}
        logoSrc={form.stored?.logoPath ?? form.inherited?.logoPath ?? null}
        colour={value("colour") ?? ""}
        support={{ email: value("supportEmail"), phone: value("supportPhone"), url: value("supportUrl") }}
        systemName={form.systemName}
      />
    </Card>
  );
}
