import { z } from "zod";

// Altinn's RegisteredSystemResponse (CONTRACT §3.1). `.loose()` keeps properties the portal does not
// know, so a whole-replace PUT can send them back untouched.
const localized = z.record(z.string(), z.string());
const right = z
  .object({ action: z.string().optional(), resource: z.array(z.object({ id: z.string(), value: z.string() }).loose()) })
  .loose();

export const altinnSystemSchema = z
  .object({
    id: z.string(),
    vendor: z.object({ ID: z.string() }).loose(),
    name: localized,
    description: localized,
    rights: z.array(right).optional().default([]),
    accessPackages: z
      .array(z.object({ urn: z.string() }).loose())
      .optional()
      .default([]),
    clientId: z.array(z.string()).optional().default([]),
    allowedRedirectUrls: z.array(z.string()).optional().default([]),
    isVisible: z.boolean().optional().default(true),
    isDeleted: z.boolean().optional().default(false),
  })
  .loose();
export type AltinnSystem = z.infer<typeof altinnSystemSchema>;

/** The part of a system the portal keeps in its own row and edits. */
export type PortalSystemFields = {
  name: { nb: string; nn: string; en: string };
  description: { nb: string; nn: string; en: string };
  accessPackages: string[];
  clientIds: string[];
  redirectUrls: string[];
  isVisible: boolean;
};

const RESOURCE = "urn:altinn:resource";

/** Single rights as the portal stores them: the resource ids of `urn:altinn:resource` pairs. */
export function rightsToResourceIds(rights: AltinnSystem["rights"]): string[] {
  return rights.flatMap((r) => r.resource.filter((p) => p.id === RESOURCE).map((p) => p.value));
}

/** Only when the portal's rights win: Altinn's right objects are kept for resources that stay. */
export function rightsFromResourceIds(current: AltinnSystem["rights"], ids: string[]): AltinnSystem["rights"] {
  return ids.map(
    (value) =>
      current.find(
        (r) => r.resource.length === 1 && r.resource[0]?.id === RESOURCE && r.resource[0].value === value,
      ) ?? { resource: [{ id: RESOURCE, value }] },
  );
}

/**
 * PUT replaces the whole system, so an edit is Altinn's current object with only the portal's
 * fields changed. Everything else (rights, unknown properties) goes back as Altinn returned it.
 * `isDeleted` is response-only and is left out; `authority` is restored on the vendor (GET omits it).
 */
export function applyPortalFields(
  current: AltinnSystem,
  fields: PortalSystemFields & { rights?: string[] },
): Record<string, unknown> {
  const { isDeleted: _responseOnly, ...rest } = current;
  void _responseOnly;
  return {
    ...rest,
    ...(fields.rights ? { rights: rightsFromResourceIds(current.rights, fields.rights) } : {}),
    vendor: { authority: "iso6523-actorid-upis", ...current.vendor },
    name: { ...current.name, ...fields.name },
    description: { ...current.description, ...fields.description },
    accessPackages: fields.accessPackages.map((urn) => current.accessPackages.find((p) => p.urn === urn) ?? { urn }),
    clientId: fields.clientIds,
    allowedRedirectUrls: fields.redirectUrls,
    isVisible: fields.isVisible,
  };
}

/** What the portal's row becomes when Altinn wins. */
export function portalFieldsFromAltinn(s: AltinnSystem): PortalSystemFields & { rights: string[]; deleted: boolean } {
  const text = (t: Record<string, string>) => ({ nb: t.nb ?? "", nn: t.nn ?? "", en: t.en ?? "" });
  return {
    name: text(s.name),
    description: text(s.description),
    accessPackages: s.accessPackages.map((p) => p.urn),
    rights: rightsToResourceIds(s.rights),
    clientIds: s.clientId,
    redirectUrls: s.allowedRedirectUrls,
    isVisible: s.isVisible,
    deleted: s.isDeleted,
  };
}
