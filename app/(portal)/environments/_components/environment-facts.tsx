import type { EnvironmentView } from "@/lib/environments/types";
import type { Translate } from "@/lib/i18n";

/** Every setting, read-only: what operators and auditors see, and what admins check before editing. */
export function EnvironmentFacts({ environment: e, t }: { environment: EnvironmentView; t: Translate }) {
  const none = t("envs.notSet");
  const facts: [string, string][] = [
    [t("envs.field.slug"), e.slug],
    [t("envs.field.vendorOrgNo"), e.vendorOrgNo],
    [t("envs.field.clientId"), e.clientId],
    [t("envs.field.scopes"), e.scopes.join(" ")],
    [t("envs.field.issuer"), e.maskinportenIssuer],
    [t("envs.field.tokenUrl"), e.maskinportenTokenUrl],
    [t("envs.field.altinn"), e.altinnBaseUrl],
    [t("envs.field.hosts"), e.confirmUrlHosts.join(", ") || none],
    [t("envs.field.digdir"), e.digdirApiUrl ?? none],
    [t("envs.field.serviceOwner"), e.serviceOwnerTestUrl ?? none],
    [t("envs.idportenIssuer"), e.idportenIssuer ?? none],
    [t("envs.idportenClientId"), e.idportenClientId ?? none],
    [t("envs.field.systemUserScopes"), e.systemUserScopes.join(" ") || none],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      {facts.map(([k, v]) => [
        <dt key={`${k}-t`} className="font-medium">
          {k}
        </dt>,
        <dd key={`${k}-d`} className="break-all font-mono">
          {v}
        </dd>,
      ])}
    </dl>
  );
}
