import "server-only";
import { db } from "@/lib/core/db";

export type MailBrand = { vendorName: string; systemName: string | null };

/**
 * Who the mail says it comes from. For now the environment's name and the system's name; the branding
 * work (lib/branding, resolveBranding) replaces this one function, nothing else in lib/mail.
 */
export async function mailBrand(environmentId: string, systemId?: string | null, locale = "nb"): Promise<MailBrand> {
  const [environment, system] = await Promise.all([
    db.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { name: true } }),
    systemId ? db.system.findUnique({ where: { id: systemId }, select: { name: true } }) : null,
  ]);
  const names = (system?.name ?? null) as Record<string, string> | null;
  return { vendorName: environment.name, systemName: names ? (names[locale] ?? names.nb ?? null) : null };
}
