import "server-only";
import { connect } from "@/lib/environments/connect";
import type { EnvironmentView } from "@/lib/environments/types";
import { fetchPackageExport, type MetadataGroup } from "@/lib/integrations/altinn/metadata";
import { catalogueSnapshot, type Catalogue, type CataloguePackage } from "@/lib/systems/catalogue/model";

// Packages and flags change over time and differ between tt02 and production, so the environment's own
// metadata API is the source; the bundled snapshot keeps the portal usable when it is down.
const TTL_MS = 60 * 60_000;
const cache = new Map<string, { at: number; value: Promise<Catalogue> }>();

export function clearCatalogueCache() {
  cache.clear();
}

export function packageCatalogue(environment: EnvironmentView): Promise<Catalogue> {
  const hit = cache.get(environment.id);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = load(environment);
  cache.set(environment.id, { at: Date.now(), value });
  // A fallback is not cached for long: try Altinn again on the next page view.
  void value.then((c) => {
    if (c.source === "snapshot") cache.delete(environment.id);
  });
  return value;
}

async function load(environment: EnvironmentView): Promise<Catalogue> {
  const [nb, nn, en] = await Promise.all(
    (["nb", "nn", "en"] as const).map((l) => fetchPackageExport(connect(environment), l)),
  );
  if (!nb || !nn || !en || nb.length === 0) return catalogueSnapshot();
  return fromExport(nb, nn, en);
}

function fromExport(nb: MetadataGroup[], nn: MetadataGroup[], en: MetadataGroup[]): Catalogue {
  const index = (groups: MetadataGroup[]) => {
    const names = new Map<string, { name: string; description: string }>();
    for (const g of groups) {
      names.set(g.id, { name: g.name, description: "" });
      for (const a of g.areas) {
        names.set(a.id, { name: a.name, description: "" });
        for (const p of a.packages) names.set(p.urn, { name: p.name, description: p.description });
      }
    }
    return names;
  };
  const [inNn, inEn] = [index(nn), index(en)];
  const text = (key: string, nbText: string, field: "name" | "description" = "name") => ({
    nb: nbText,
    nn: inNn.get(key)?.[field] || nbText,
    en: inEn.get(key)?.[field] || nbText,
  });
  return {
    source: "altinn",
    groups: nb.map((g) => ({
      id: g.id,
      name: text(g.id, g.name),
      forOrganisations: !/^person$/i.test(g.type ?? ""),
      areas: g.areas.map((a) => ({
        id: a.id,
        name: text(a.id, a.name),
        packages: a.packages.map((p): CataloguePackage => ({
          urn: p.urn,
          name: text(p.urn, p.name),
          description: text(p.urn, p.description, "description"),
          isDelegable: p.isDelegable,
          isAssignable: p.isAssignable,
        })),
      })),
    })),
  };
}
