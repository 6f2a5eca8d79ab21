import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { LOCAL_ENVIRONMENT } from "@/lib/environments/local";
import { ENVIRONMENT_PRESETS } from "@/lib/environments/schema";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { EnvironmentForm } from "../_components/environment-form";
import { clientsCallbackUrl } from "@/lib/clients/urls";

type Props = { searchParams: Promise<{ kind?: string }> };

export default async function NewEnvironmentPage({ searchParams }: Props) {
  const [{ t }, actor, query] = await Promise.all([getT(), requireActor(), searchParams]);
  if (!can(actor.role, "environments.manage"))
    return (
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
        {t("errors.forbidden")}
      </p>
    );
  const kind = query.kind === "production" ? "production" : "test";
  const preset = ENVIRONMENT_PRESETS[kind];
  const kindName = t(`env.kind.${kind}`);
  return (
    <>
      <PageHeader title={t("envs.newTitle", { kind: kindName })} />
      {kind === "production" && (
        <p className="mb-4 rounded-md border-2 border-red-700 bg-red-50 p-3 text-sm font-semibold text-red-900">
          {t("envs.productionWarning")}
        </p>
      )}
      <p className="mb-4 text-sm text-slate-700">{t("envs.presetNote", { kind: kindName })}</p>
      <Card>
        <EnvironmentForm
          callbackUrl={clientsCallbackUrl()}
          mode="create"
          kind={kind}
          initial={{
            name: kindName,
            slug: kind === "test" ? "tt02" : "prod",
            vendorOrgNo: "",
            clientId: "",
            // The scopes the portal itself needs (system register and requests); same names in every environment.
            scopes: LOCAL_ENVIRONMENT.scopes.join(" "),
            maskinportenIssuer: preset.maskinportenIssuer,
            maskinportenTokenUrl: preset.maskinportenTokenUrl,
            altinnBaseUrl: preset.altinnBaseUrl,
            allowedHosts: preset.confirmUrlHosts.join("\n"),
            digdirApiUrl: preset.digdirApiUrl,
            serviceOwnerTestUrl: "",
            systemUserScopes: "",
            idportenIssuer: preset.idportenIssuer,
            idportenClientId: "",
          }}
        />
      </Card>
    </>
  );
}
