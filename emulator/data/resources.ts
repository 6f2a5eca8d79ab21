// A small stand-in for Altinn's Resource Registry. The System Register validates rights against it
// (AUTH.VLD-00003 unknown, AUTH.VLD-00017 resource type not delegable, CONTRACT §3.3), and a
// service-owner PDP can ask which access packages grant a resource.

export type ResourceType =
  | "AltinnApp"
  | "Systemresource"
  | "Default"
  | "CorrespondenceService"
  | "BrokerService"
  | "GenericAccessResource"
  | "MigratedApp"
  | "MaskinportenSchema"
  | "Altinn2Service";

export interface ResourceInfo {
  /** The `value` of a `urn:altinn:resource` attribute pair. */
  id: string;
  resourceType: ResourceType;
  /** Service owner org code (as in `app_{org}_{app}`). */
  owner: string;
  title: { nb: string; nn: string; en: string };
  /** Access-package URNs whose holders get this resource. */
  packages: readonly string[];
}

/** SystemRegisterService.WhitelistedResourceTypes: only these may appear in a system's rights. */
const DELEGABLE_TYPES: ReadonlySet<ResourceType> = new Set<ResourceType>([
  "AltinnApp", "Systemresource", "Default", "CorrespondenceService", "BrokerService", "GenericAccessResource", "MigratedApp",
]);

const P = "urn:altinn:accesspackage:";

export const RESOURCES: readonly ResourceInfo[] = [
  {
    id: "ske-krav-og-betalinger", resourceType: "GenericAccessResource", owner: "skd",
    title: { nb: "Krav og betalinger", nn: "Krav og betalingar", en: "Claims and payments" },
    packages: [`${P}krav-og-utlegg`, `${P}skatt-naering`],
  },
  {
    id: "ske-skattegrunnlag", resourceType: "GenericAccessResource", owner: "skd",
    title: { nb: "Skattegrunnlag", nn: "Skattegrunnlag", en: "Tax base" },
    packages: [`${P}skattegrunnlag`],
  },
  {
    id: "ske-mva-melding", resourceType: "GenericAccessResource", owner: "skd",
    title: { nb: "MVA-melding", nn: "MVA-melding", en: "VAT return" },
    packages: [`${P}merverdiavgift`, `${P}regnskapsforer-med-signeringsrettighet`],
  },
  {
    id: "nav-a-melding", resourceType: "GenericAccessResource", owner: "nav",
    title: { nb: "A-melding", nn: "A-melding", en: "A-message" },
    packages: [`${P}ansettelsesforhold`, `${P}lonn`, `${P}regnskapsforer-lonn`],
  },
  {
    id: "app_ttd_test-app", resourceType: "AltinnApp", owner: "ttd",
    title: { nb: "Testapp", nn: "Testapp", en: "Test app" },
    packages: [`${P}infrastruktur`],
  },
  {
    id: "ttd-meldingstjeneste", resourceType: "CorrespondenceService", owner: "ttd",
    title: { nb: "Meldingstjeneste", nn: "Meldingsteneste", en: "Correspondence service" },
    packages: [`${P}ordinaer-post-til-virksomheten`],
  },
  {
    id: "ttd-maskinporten-schema", resourceType: "MaskinportenSchema", owner: "ttd",
    title: { nb: "Maskinporten-skjema", nn: "Maskinporten-skjema", en: "Maskinporten schema" },
    packages: [],
  },
  {
    id: "ttd-altinn2-tjeneste", resourceType: "Altinn2Service", owner: "ttd",
    title: { nb: "Altinn 2-tjeneste", nn: "Altinn 2-teneste", en: "Altinn 2 service" },
    packages: [],
  },
];

const byId = new Map(RESOURCES.map((r) => [r.id, r]));

export function findResource(id: string): ResourceInfo | undefined {
  return byId.get(id);
}

export function isDelegableResourceType(type: ResourceType): boolean {
  return DELEGABLE_TYPES.has(type);
}

/** Access-package URNs that grant the resource; empty for unknown resources. */
export function packagesCoveringResource(resourceId: string): string[] {
  return [...(byId.get(resourceId)?.packages ?? [])];
}

/** Resources granted by a package (the metadata API's `package/{id}/resources`). */
export function resourcesForPackage(urn: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.packages.includes(urn));
}
