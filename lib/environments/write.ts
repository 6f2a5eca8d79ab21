import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { changedFields, createdFields } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { AppError, invalidInput } from "@/lib/core/errors";
import { ENV_SELECT, loadEnvironmentById } from "@/lib/environments/queries";
import {
  createEnvironmentSchema,
  updateEmulatorSchema,
  updateEnvironmentSchema,
  URL_FIELDS,
  type CreateEnvironmentInput,
  type UpdateEnvironmentInput,
} from "@/lib/environments/schema";
import type { EnvironmentView } from "@/lib/environments/types";
import { clearTokenCache } from "@/lib/integrations/maskinporten/tokens";

/** Brønnøysund's open Entity Register (no key needed). */
export const ENTITY_REGISTER_URL = "https://data.brreg.no";

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
      // Brønnøysund's open API knows real organisations only: tt02's are synthetic (Tenor), so a test
      // environment has no register and pre-flight says so instead of refusing every customer (ADR 027).
      const created = await tx.environment.create({
        data: { ...input, entityRegisterUrl: input.kind === "production" ? ENTITY_REGISTER_URL : null },
        select: ENV_SELECT,
      });
      await recordAudit(
        {
          actor: auditActor(actor),
          action: "environment.create",
          target: { type: "environment", id: created.slug },
          outcome: "success",
          environmentId: created.id,
          detail: { kind: created.kind, ...createdFields(Object.fromEntries(SETTINGS.map((k) => [k, created[k]]))) },
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
  const changes = changedFields(current, input, SETTINGS);
  const changed = Object.keys(changes?.after ?? {});
  if (!changes) return { environment: current, changed };
  const environment = await db.$transaction(async (tx) => {
    const updated = await tx.environment.update({ where: { id }, data: input, select: ENV_SELECT });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "environment.update",
        target: { type: "environment", id: current.slug },
        outcome: "success",
        environmentId: id,
        detail: changes,
      },
      tx,
    );
    return updated;
  });
  if (changed.some((k) => TOKEN_SETTINGS.has(k))) clearTokenCache(id);
  return { environment, changed };
}
