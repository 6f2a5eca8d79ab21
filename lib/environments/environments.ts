import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError, invalidInput, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { clearTokenCache } from "@/lib/integrations/maskinporten/tokens";
import {
  createEnvironmentSchema,
  updateEmulatorSchema,
  updateEnvironmentSchema,
  URL_FIELDS,
  type CreateEnvironmentInput,
  type UpdateEnvironmentInput,
} from "@/lib/environments/schema";
import type { EnvironmentView } from "@/lib/environments/types";

export const ENV_SELECT = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  vendorOrgNo: true,
  clientId: true,
  scopes: true,
  maskinportenIssuer: true,
  maskinportenTokenUrl: true,
  altinnBaseUrl: true,
  confirmUrlHosts: true,
  digdirApiUrl: true,
  serviceOwnerTestUrl: true,
  systemUserScopes: true,
  autoRenewExpired: true,
  idportenIssuer: true,
  idportenClientId: true,
} as const;

export type { EnvironmentView };

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

/** Server-internal (public client pages): by slug, no actor. */
export async function loadEnvironmentBySlug(slug: string): Promise<EnvironmentView> {
  const found = /^[a-z0-9][a-z0-9-]{0,39}$/.test(slug)
    ? await db.environment.findUnique({ where: { slug }, select: ENV_SELECT })
    : null;
  if (!found) throw notFound({ nb: "miljøet", en: "Environment" });
  return found;
}

const SETTINGS = [
  "name",
  "vendorOrgNo",
  "clientId",
  "scopes",
  "maskinportenIssuer",
  "maskinportenTokenUrl",
  "altinnBaseUrl",
  "confirmUrlHosts",
  "digdirApiUrl",
  "serviceOwnerTestUrl",
  "systemUserScopes",
  "idportenIssuer",
  "idportenClientId",
] as const satisfies readonly (keyof EnvironmentView)[];
// A cached token was granted for these; once they change it may no longer be what Maskinporten would give.
const TOKEN_SETTINGS = new Set<string>([
  "clientId",
  "scopes",
  "maskinportenIssuer",
  "maskinportenTokenUrl",
  "systemUserScopes",
]);

const slugTaken = (slug: string) =>
  new AppError(
    "environment_slug_taken",
    {
      nb: `Kortnavnet «${slug}» brukes allerede av et annet miljø. Velg et annet kortnavn.`,
      en: `The short name "${slug}" is already used by another environment. Choose another one.`,
    },
    409,
  );
const isUniqueViolation = (err: unknown) =>
  typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

/** Test or production, never a second emulator (bootstrap owns that one). */
export async function createEnvironment(actor: Actor | null, raw: CreateEnvironmentInput): Promise<EnvironmentView> {
  assertCan(actor, "environments.manage");
  const parsed = createEnvironmentSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.environment.findUnique({ where: { slug: input.slug }, select: { id: true } }))
        throw slugTaken(input.slug);
      const created = await tx.environment.create({ data: input, select: ENV_SELECT });
      const after = Object.fromEntries(SETTINGS.map((k) => [k, created[k]]));
      await recordAudit(
        {
          actor: auditActor(actor),
          action: "environment.create",
          target: { type: "environment", id: created.slug },
          outcome: "success",
          environmentId: created.id,
          detail: { kind: created.kind, after },
        },
        tx,
      );
      return created;
    });
  } catch (err) {
    // Two admins racing for the same slug: the unique index decides, the loser gets the same message.
    if (isUniqueViolation(err)) throw slugTaken(input.slug);
    throw err;
  }
}

/**
 * Changes settings; kind and slug stay (links and the switcher cookie carry the slug). Production
 * needs its slug typed back; the emulator's URLs follow EMULATOR_URL and are refused here.
 */
export async function updateEnvironment(actor: Actor | null, id: string, raw: UpdateEnvironmentInput) {
  assertCan(actor, "environments.manage");
  const current = await loadEnvironmentById(id);
  if (current.kind === "emulator" && URL_FIELDS.some((k) => raw[k] !== undefined)) {
    throw new AppError("emulator_urls_fixed", {
      nb: "Den lokale emulatorens adresser følger EMULATOR_URL og kan ikke endres her.",
      en: "The local emulator's URLs follow EMULATOR_URL and cannot be changed here.",
    });
  }
  const parsed = (current.kind === "emulator" ? updateEmulatorSchema : updateEnvironmentSchema).safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { slugCheck, ...input } = parsed.data;
  if (current.kind === "production" && slugCheck !== current.slug) {
    throw new AppError("production_confirm", {
      nb: `Dette er produksjon. Skriv inn kortnavnet «${current.slug}» for å bekrefte endringen. Ingenting er endret.`,
      en: `This is production. Type the short name "${current.slug}" to confirm the change. Nothing was changed.`,
    });
  }
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of SETTINGS) {
    if (!(k in input)) continue;
    const after = (input as Partial<EnvironmentView>)[k];
    if (JSON.stringify(after) !== JSON.stringify(current[k])) changes[k] = { before: current[k], after };
  }
  const changed = Object.keys(changes);
  if (changed.length === 0) return { environment: current, changed };
  const environment = await db.$transaction(async (tx) => {
    const updated = await tx.environment.update({ where: { id }, data: input, select: ENV_SELECT });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "environment.update",
        target: { type: "environment", id: current.slug },
        outcome: "success",
        environmentId: id,
        detail: { changes },
      },
      tx,
    );
    return updated;
  });
  if (changed.some((k) => TOKEN_SETTINGS.has(k))) clearTokenCache(id);
  return { environment, changed };
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

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Where we may send a customer: a confirm URL from Altinn on a host the environment allows (the host
 * has changed before, and a wrong one would hand customers to whoever runs it). https only, except
 * the emulator on loopback. A URL with user info is refused: it makes the host hard to read.
 */
export function isAllowedConfirmUrl(
  environment: Pick<EnvironmentView, "kind" | "confirmUrlHosts">,
  value: string,
): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.username || url.password) return false;
  const schemeOk =
    url.protocol === "https:" ||
    (environment.kind === "emulator" && url.protocol === "http:" && LOOPBACK.includes(url.hostname));
  return schemeOk && environment.confirmUrlHosts.some((h) => h.toLowerCase() === url.host);
}

export function confirmUrlNotAllowed(environment: Pick<EnvironmentView, "name">, value: string) {
  const where = URL.canParse(value) ? new URL(value).origin : value.slice(0, 80);
  return new AppError(
    "confirm_url_not_allowed",
    {
      nb: `Altinn sendte en godkjenningslenke til ${where}, som ikke er tillatt for miljøet «${environment.name}». Ingenting er lagret. Er verten riktig, kan en administrator legge den til under Miljøer → ${environment.name} → Tillatte verter for godkjenningslenker.`,
      en: `Altinn returned a confirm URL on ${where}, which is not allowed for the environment "${environment.name}". Nothing was stored. If the host is right, an admin can add it under Environments → ${environment.name} → Allowed confirm-URL hosts.`,
    },
    502,
  );
}
