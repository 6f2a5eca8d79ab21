import "server-only";
import { db } from "@/lib/core/db";
import { resolveBranding } from "@/lib/branding/queries";

export type MailBrand = {
  vendorName: string;
  systemName: string | null;
  /** Absolute URL of the vendor's logo (the portal serves it, ADR 025), or null. */
  logoUrl?: string | null;
  /** #rrggbb that passed the AA check against white text, or null for the portal's own blue. */
  colour?: string | null;
  support?: { email: string | null; phone: string | null; url: string | null };
};

/**
 * Who the mail says it comes from: the same branding the public pages show (a system's override over its
 * environment's defaults), so the customer sees one vendor from the mail to Altinn's page and back. Without
 * a display name, the environment's name.
 */
export async function mailBrand(environmentId: string, systemId?: string | null, locale = "nb"): Promise<MailBrand> {
  const [environment, system, branding] = await Promise.all([
    db.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { name: true } }),
    systemId ? db.system.findUnique({ where: { id: systemId }, select: { name: true } }) : null,
    resolveBranding(environmentId, systemId ?? undefined),
  ]);
  const names = (system?.name ?? null) as Record<string, string> | null;
  return {
    vendorName: branding.displayName ?? environment.name,
    systemName: names ? (names[locale] ?? names.nb ?? null) : null,
    logoUrl: branding.logoUrl,
    colour: branding.colour,
    support: branding.support,
  };
}
