import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Actor } from "@/lib/auth/actor";
import type { Scope } from "@/lib/environments/types";
import { LOGO_EXTENSION, type LogoType } from "@/lib/branding/logo";
import type { ResolvedBranding, StoredBranding } from "@/lib/branding/types";

export type { ResolvedBranding, StoredBranding };
export type LogoOwner = "e" | "s";

// The columns a page needs; the logo's bytes are read only by the logo route.
const FIELDS = {
  displayName: true,
  colour: true,
  supportEmail: true,
  supportPhone: true,
  supportUrl: true,
  logoHash: true,
  logoType: true,
} as const;
type Row = { [K in keyof typeof FIELDS]: string | null };

/** /brand/logo/<e|s>/<owner id>/<sha256>.<ext>: a new logo is a new URL, so it may be cached for good. */
export function logoPath(owner: LogoOwner, id: string, hash: string, type: string): string {
  return `/brand/logo/${owner}/${id}/${hash}.${LOGO_EXTENSION[type as LogoType] ?? "img"}`;
}

const stored = (owner: LogoOwner, id: string, row: Row | null): StoredBranding | null =>
  row && {
    displayName: row.displayName,
    colour: row.colour,
    supportEmail: row.supportEmail,
    supportPhone: row.supportPhone,
    supportUrl: row.supportUrl,
    logoHash: row.logoHash,
    logoPath: row.logoHash && row.logoType ? logoPath(owner, id, row.logoHash, row.logoType) : null,
  };

/** An environment's defaults for its settings page (every role may look; admins edit). */
export async function getEnvironmentBranding(actor: Actor | null, environmentId: string) {
  assertCan(actor, "portal.read");
  const row = await db.environmentBranding.findUnique({ where: { environmentId }, select: FIELDS });
  return stored("e", environmentId, row);
}

/** A system's override, for the system's page: 404 for a system of another environment, like the page. */
export async function getSystemBranding(scope: Scope, systemRowId: string) {
  assertCan(scope.actor, "portal.read");
  const system = isUuid(systemRowId)
    ? await db.system.findFirst({
        where: { id: systemRowId, environmentId: scope.environment.id },
        select: { branding: { select: FIELDS } },
      })
    : null;
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  return stored("s", systemRowId, system.branding);
}

/** Field by field: the system's value where it has one, else the environment's. */
function merge(envId: string, e: Row | null, sysId: string | undefined, s: Row | null): ResolvedBranding {
  const pick = (k: Exclude<keyof Row, "logoHash" | "logoType">) => s?.[k] ?? e?.[k] ?? null;
  const logo =
    sysId && s?.logoHash && s.logoType
      ? logoPath("s", sysId, s.logoHash, s.logoType)
      : e?.logoHash && e.logoType
        ? logoPath("e", envId, e.logoHash, e.logoType)
        : null;
  return {
    displayName: pick("displayName"),
    colour: pick("colour"),
    logoUrl: logo && new URL(logo, env().PORTAL_URL).toString(),
    support: { email: pick("supportEmail"), phone: pick("supportPhone"), url: pick("supportUrl") },
  };
}

/**
 * What customers see of the vendor, for the public pages and mail templates. `systemId` is the system's row
 * id (System.id); a system of another environment counts as none. No actor: everything returned is public.
 */
export async function resolveBranding(environmentId: string, systemId?: string): Promise<ResolvedBranding> {
  const [e, s] = await Promise.all([
    db.environmentBranding.findUnique({ where: { environmentId }, select: FIELDS }),
    systemId && isUuid(systemId)
      ? db.systemBranding.findFirst({ where: { systemId, environmentId }, select: FIELDS })
      : null,
  ]);
  return merge(environmentId, e, systemId, s);
}

/** The same for a page that knows the environment's slug and Altinn's system id (the callback's outcome). */
export async function resolveBrandingFor(envSlug: string, altinnSystemId?: string): Promise<ResolvedBranding | null> {
  const environment = await db.environment.findUnique({ where: { slug: envSlug }, select: { id: true } });
  if (!environment) return null;
  const system = altinnSystemId
    ? await db.system.findUnique({
        where: { environmentId_systemId: { environmentId: environment.id, systemId: altinnSystemId } },
        select: { id: true },
      })
    : null;
  return resolveBranding(environment.id, system?.id);
}

/** The logo route: the bytes only while the hash in the URL is the stored one (an old URL is a 404). */
export async function readLogo(owner: LogoOwner, id: string, hash: string) {
  if (!isUuid(id) || !/^[0-9a-f]{64}$/.test(hash)) return null;
  const where = owner === "e" ? { environmentId: id, logoHash: hash } : { systemId: id, logoHash: hash };
  const select = { logo: true, logoType: true } as const;
  const row =
    owner === "e"
      ? await db.environmentBranding.findFirst({ where, select })
      : await db.systemBranding.findFirst({ where, select });
  return row?.logo && row.logoType ? { bytes: row.logo, type: row.logoType } : null;
}
