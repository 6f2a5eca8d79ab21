import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { runAs } from "@/lib/request-context";
import { AppError, invalidInput, notFound } from "@/lib/errors";
import { isAllowedRedirectUrl, loadEnvironmentById } from "@/lib/dal/environments";
import { registerSystem } from "@/lib/altinn/system-register";
import { createSystemSchema, type CreateSystemInput } from "@/lib/validations/system";

const SYSTEM_SELECT = {
  id: true, environmentId: true, systemId: true, name: true, description: true, accessPackages: true,
  clientIds: true, redirectUrls: true, isVisible: true, altinnInternalId: true, createdAt: true,
} as const;

type Text3 = { nb: string; nn: string; en: string };
const view = <T extends { name: unknown; description: unknown }>(s: T) => ({ ...s, name: s.name as Text3, description: s.description as Text3 });

/** Registers the system in Altinn first; only what Altinn accepted is stored, so a rejection leaves nothing behind. */
export async function createSystem(actor: Actor | null, raw: CreateSystemInput) {
  assertCan(actor, "systems.manage");
  const parsed = createSystemSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const environment = await loadEnvironmentById(input.environmentId);
  if (!isAllowedRedirectUrl(environment.kind, input.redirectUrl)) {
    throw new AppError("redirect_not_allowed", {
      nb: "Omdirigerings-URL-en må være en absolutt https-adresse (http tillates bare mot lokal emulator på 127.0.0.1/localhost).",
      en: "The redirect URL must be an absolute https URL (http is allowed only against the local emulator on 127.0.0.1/localhost).",
    });
  }
  const systemId = `${environment.vendorOrgNo}_${input.name}`;
  if (await db.system.findUnique({ where: { environmentId_systemId: { environmentId: environment.id, systemId } }, select: { id: true } })) {
    throw new AppError("system_exists", { nb: `Systemet ${systemId} finnes allerede.`, en: `The system ${systemId} already exists.` }, 409);
  }
  const taken = await db.system.findFirst({
    where: { environmentId: environment.id, clientIds: { hasSome: input.clientIds } },
    select: { systemId: true },
  });
  if (taken && input.clientIds.length > 0) {
    throw new AppError("client_id_in_use", {
      nb: `Klient-ID-en brukes allerede av ${taken.systemId}. Altinn tillater én klient per system: opprett en ny Maskinporten-klient, eller la feltet stå tomt.`,
      en: `The client id is already used by ${taken.systemId}. Altinn allows one client per system: create another Maskinporten client, or leave the field empty.`,
    }, 409);
  }
  const data = {
    systemId,
    vendorOrgNo: environment.vendorOrgNo,
    name: { nb: input.nameNb, nn: input.nameNn, en: input.nameEn },
    description: { nb: input.descriptionNb, nn: input.descriptionNn, en: input.descriptionEn },
    accessPackages: input.accessPackages,
    clientIds: input.clientIds,
    redirectUrls: [input.redirectUrl],
    isVisible: input.isVisible,
  };
  const auditBase = { actor: { type: "user" as const, id: actor.id, label: actor.email }, action: "system.register", target: { type: "system", id: systemId }, environmentId: environment.id };
  let altinnInternalId: string;
  try {
    altinnInternalId = await runAs(actor.email, () => registerSystem(environment, data));
  } catch (err) {
    if (err instanceof AppError) await recordAudit({ ...auditBase, outcome: "failure", detail: { code: err.code } });
    throw err;
  }
  return db.$transaction(async (tx) => {
    const created = await tx.system.create({
      data: {
        environmentId: environment.id, systemId, name: data.name, description: data.description,
        accessPackages: data.accessPackages, clientIds: data.clientIds, redirectUrls: data.redirectUrls,
        isVisible: data.isVisible, altinnInternalId,
      },
      select: { id: true, systemId: true },
    });
    await recordAudit({ ...auditBase, outcome: "success", detail: { altinnInternalId, accessPackages: data.accessPackages, redirectUrls: data.redirectUrls } }, tx);
    return created;
  });
}

export async function listSystems(actor: Actor | null, environmentId: string) {
  assertCan(actor, "portal.read");
  const rows = await db.system.findMany({ where: { environmentId }, select: SYSTEM_SELECT, orderBy: { createdAt: "asc" } });
  return rows.map(view);
}

export async function getSystem(actor: Actor | null, id: string) {
  assertCan(actor, "portal.read");
  const row = await db.system.findUnique({ where: { id }, select: SYSTEM_SELECT });
  if (!row) throw notFound({ nb: "systemet", en: "System" });
  return view(row);
}

/** Public onboarding: looks a system up by environment slug and Altinn id; exposes names only. */
export async function findPublicSystem(envSlug: string, systemId: string) {
  const row = await db.system.findFirst({
    where: { systemId, environment: { slug: envSlug }, altinnInternalId: { not: null } },
    select: { id: true, systemId: true, name: true, description: true, accessPackages: true, environmentId: true },
  });
  return row ? view(row) : null;
}
