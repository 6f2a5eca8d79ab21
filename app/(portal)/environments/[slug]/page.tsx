import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getEnvironment } from "@/lib/environments/queries";
import { AppError } from "@/lib/core/errors";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { EnvironmentForm } from "../_components/environment-form";
import { EnvironmentFacts } from "../_components/environment-facts";
import { KindBadge } from "../_components/kind-badge";
import { AutoRenewForm } from "../_components/auto-renew-form";
import { clientsCallbackUrl } from "@/lib/clients/urls";
import { getEnvironmentBranding } from "@/lib/branding/queries";
import { BrandingSection } from "@/components/branding-section";
import { resetEnvironmentBrandingAction, saveEnvironmentBrandingAction } from "../branding-actions";

export default async function EnvironmentSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, { t }, actor] = await Promise.all([params, getT(), requireActor()]);
  const e = await getEnvironment(actor, decodeURIComponent(slug)).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const branding = await getEnvironmentBranding(actor, e.id);
  const lines = (values: string[]) => values.join(" ");
  return (
    <>
      <PageHeader title={t("envs.editTitle", { name: e.name })}>
        <KindBadge kind={e.kind} label={t(`env.kind.${e.kind}`)} />
      </PageHeader>
      {can(actor.role, "environments.manage") ? (
        <Card>
          <EnvironmentForm
            callbackUrl={clientsCallbackUrl()}
            mode="edit"
            id={e.id}
            kind={e.kind}
            initial={{
              name: e.name,
              slug: e.slug,
              vendorOrgNo: e.vendorOrgNo,
              clientId: e.clientId,
              scopes: lines(e.scopes),
              maskinportenIssuer: e.maskinportenIssuer,
              maskinportenTokenUrl: e.maskinportenTokenUrl,
              altinnBaseUrl: e.altinnBaseUrl,
              allowedHosts: e.confirmUrlHosts.join("\n"),
              digdirApiUrl: e.digdirApiUrl ?? "",
              serviceOwnerTestUrl: e.serviceOwnerTestUrl ?? "",
              idportenIssuer: e.idportenIssuer ?? "",
              idportenClientId: e.idportenClientId ?? "",
              systemUserScopes: lines(e.systemUserScopes),
            }}
          />
        </Card>
      ) : (
        <Card>
          <p className="mb-4 text-sm">{t("envs.readOnly")}</p>
          <EnvironmentFacts environment={e} t={t} />
        </Card>
      )}
      {can(actor.role, "environments.manage") && (
        <Card title={t("envs.autoRenew.title")}>
          <AutoRenewForm environmentId={e.id} on={e.autoRenewExpired} />
        </Card>
      )}
      <BrandingSection
        id={e.id}
        mode="environment"
        stored={branding}
        systemName={t("brand.preview.system")}
        canEdit={can(actor.role, "environments.manage")}
        save={saveEnvironmentBrandingAction}
        reset={resetEnvironmentBrandingAction}
        t={t}
      />
    </>
  );
}
