import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

export const ENV_SELECT = {
  id: true, slug: true, name: true, kind: true, vendorOrgNo: true, clientId: true, scopes: true,
  maskinportenIssuer: true, maskinportenTokenUrl: true, altinnBaseUrl: true,
  confirmUrlHosts: true, digdirApiUrl: true, serviceOwnerTestUrl: true, systemUserScopes: true,
} as const;

export type EnvironmentView = {
  id: string; slug: string; name: string; kind: "emulator" | "test" | "production"; vendorOrgNo: string;
  clientId: string; scopes: string[]; maskinportenIssuer: string; maskinportenTokenUrl: string; altinnBaseUrl: string;
  confirmUrlHosts: string[]; digdirApiUrl: string | null; serviceOwnerTestUrl: string | null; systemUserScopes: string[];
};

export async function listEnvironments(actor: Actor | null): Promise<EnvironmentView[]> {
  assertCan(actor, "portal.read");
  return db.environment.findMany({ select: ENV_SELECT, orderBy: { createdAt: "asc" } });
}

export async function getEnvironment(actor: Actor | null, slug: string): Promise<EnvironmentView> {
  assertCan(actor, "portal.read");
  const found = await db.environment.findUnique({ where: { slug }, select: ENV_SELECT });
  if (!found) throw notFound({ nb: "miljøet", en: "Environment" });
  return found;
}

/** For server-internal use (public onboarding, callbacks): no actor, so never return it to a client as is. */
export async function loadEnvironmentById(id: string): Promise<EnvironmentView> {
  const found = isUuid(id) ? await db.environment.findUnique({ where: { id }, select: ENV_SELECT }) : null;
  if (!found) throw notFound({ nb: "miljøet", en: "Environment" });
  return found;
}

/**
 * Redirect URLs: Altinn accepts only absolute https (AUTH.VLD-00005). The local emulator also takes
 * http on loopback hosts so the portal's own callback works on a laptop; tt02 and production never do.
 */
export function isAllowedRedirectUrl(kind: EnvironmentView["kind"], value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return true;
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  return kind === "emulator" && url.protocol === "http:" && loopback;
}

/** Where a human registers the public key: Digdir's self-service, or the emulator's stand-in for it. */
export function selfServiceUrl(e: Pick<EnvironmentView, "kind" | "altinnBaseUrl" | "clientId">): string {
  if (e.kind === "test") return "https://sjolvbetjening.test.samarbeid.digdir.no";
  if (e.kind === "production") return "https://sjolvbetjening.samarbeid.digdir.no";
  return new URL(`/selfservice/clients/${encodeURIComponent(e.clientId)}`, e.altinnBaseUrl).toString();
}
