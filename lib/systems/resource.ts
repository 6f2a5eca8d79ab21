import { z } from "zod";

const Localized = z
  .object({ nb: z.string(), nn: z.string(), en: z.string() })
  .meta({ id: "LocalizedText", description: "Bokmål, nynorsk and English." });

/** A system as the vendor's product sees it in API answers. */
export const SystemResourceSchema = z
  .object({
    id: z.string().uuid().describe("The portal's id of the system."),
    systemId: z.string().describe("Altinn's system id, `{vendorOrgNo}_{name}`; accepted wherever `id` is."),
    name: z.string().describe("The short name the system id was made from."),
    displayName: Localized,
    description: Localized,
    accessPackages: z.array(z.string()).describe("Access package URNs."),
    rights: z.array(z.string()).describe("Single rights by resource id (`urn:altinn:resource`)."),
    clientIds: z.array(z.string()).describe("Maskinporten client ids allowed to act for the system."),
    redirectUrls: z.array(z.string()).describe("Where Altinn may send customers back to."),
    isVisible: z.boolean().describe("Listed in Altinn's system picker for customers."),
    registered: z.boolean().describe("Registered in Altinn's System Register."),
    deletedAt: z.string().datetime().nullable().describe("When the system was deleted in Altinn."),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .meta({ id: "System" });
export type SystemResource = z.infer<typeof SystemResourceSchema>;

type Text3 = { nb: string; nn: string; en: string };
type SystemRow = {
  id: string;
  systemId: string;
  name: Text3;
  description: Text3;
  accessPackages: string[];
  rights: string[];
  clientIds: string[];
  redirectUrls: string[];
  isVisible: boolean;
  altinnInternalId: string | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function systemResource(s: SystemRow): SystemResource {
  return {
    id: s.id,
    systemId: s.systemId,
    name: s.systemId.slice(s.systemId.indexOf("_") + 1),
    displayName: { nb: s.name.nb, nn: s.name.nn, en: s.name.en },
    description: { nb: s.description.nb, nn: s.description.nn, en: s.description.en },
    accessPackages: s.accessPackages,
    rights: s.rights,
    clientIds: s.clientIds,
    redirectUrls: s.redirectUrls,
    isVisible: s.isVisible,
    registered: s.altinnInternalId !== null,
    deletedAt: s.deletedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
