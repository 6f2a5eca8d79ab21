import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError, invalidInput } from "@/lib/core/errors";
import { runAs } from "@/lib/core/request-context";
import { connect } from "@/lib/environments/connect";
import { isAllowedRedirectUrl } from "@/lib/environments/rules";
import type { Scope } from "@/lib/environments/types";
import { registerSystem } from "@/lib/integrations/altinn/system-register";
import { CREATE_FORM_ALIASES, renameFields } from "@/lib/integrations/altinn/vld-fields";
import { createSystemSchema, type CreateSystemInput } from "@/lib/systems/schema";

/** Registers the system in Altinn first; only what Altinn accepted is stored, so a rejection leaves nothing behind. */
export async function createSystem({ actor, environment }: Scope, raw: CreateSystemInput) {
  assertCan(actor, "systems.manage");
  const parsed = createSystemSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const redirectUrls = [...new Set([input.redirectUrl, ...(input.extraRedirectUrls ?? [])])];
  if (!redirectUrls.every((url) => isAllowedRedirectUrl(environment.kind, url))) {
    throw new AppError(
      "redirect_not_allowed",
      {
        nb: "Omdirigerings-URL-en må være en absolutt https-adresse (http tillates bare mot lokal emulator på 127.0.0.1/localhost).",
        en: "The redirect URL must be an absolute https URL (http is allowed only against the local emulator on 127.0.0.1/localhost).",
      },
      400,
      { fieldErrors: { redirectUrl: ["sysreg.vld.00005"] } },
    );
  }
  const systemId = `${environment.vendorOrgNo}_${input.name}`;
  if (
    await db.system.findUnique({
      where: { environmentId_systemId: { environmentId: environment.id, systemId } },
      select: { id: true },
    })
  ) {
    throw new AppError(
      "system_exists",
      { nb: `Systemet ${systemId} finnes allerede.`, en: `The system ${systemId} already exists.` },
      409,
      { fieldErrors: { name: ["sysreg.vld.00002"] } },
    );
  }
  const taken = await db.system.findFirst({
    // Altinn releases the client ids of soft-deleted systems.
    where: { environmentId: environment.id, clientIds: { hasSome: input.clientIds }, deletedAt: null },
    select: { systemId: true },
  });
  if (taken && input.clientIds.length > 0) {
    throw new AppError(
      "client_id_in_use",
      {
        nb: `Klient-ID-en brukes allerede av ${taken.systemId}. Altinn tillater én klient per system: opprett en ny Maskinporten-klient, eller la feltet stå tomt.`,
        en: `The client id is already used by ${taken.systemId}. Altinn allows one client per system: create another Maskinporten client, or leave the field empty.`,
      },
      409,
      { fieldErrors: { clientIds: ["sysreg.vld.00004"] } },
    );
  }
  const data = {
    systemId,
    vendorOrgNo: environment.vendorOrgNo,
    name: { nb: input.nameNb, nn: input.nameNn, en: input.nameEn },
    description: { nb: input.descriptionNb, nn: input.descriptionNn, en: input.descriptionEn },
    accessPackages: input.accessPackages,
    clientIds: input.clientIds,
    redirectUrls,
    rights: input.rights ?? [],
    isVisible: input.isVisible,
  };
  const auditBase = {
    actor: auditActor(actor),
    action: "system.register",
    target: { type: "system", id: systemId },
    environmentId: environment.id,
  };
  let altinnInternalId: string;
  try {
    altinnInternalId = await runAs(actor.email, () => registerSystem(connect(environment), data));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await recordAudit({ ...auditBase, outcome: "failure", detail: { code: err.code } });
    // Altinn's field names are the edit form's; the create form composes the id from the short name.
    throw err.fieldErrors
      ? new AppError(err.code, err.userMessage, err.status, {
          cause: err.cause,
          fieldErrors: renameFields(err.fieldErrors, CREATE_FORM_ALIASES),
        })
      : err;
  }
  return db.$transaction(async (tx) => {
    const created = await tx.system.create({
      data: {
        environmentId: environment.id,
        systemId,
        name: data.name,
        description: data.description,
        accessPackages: data.accessPackages,
        clientIds: data.clientIds,
        redirectUrls: data.redirectUrls,
        rights: data.rights,
        isVisible: data.isVisible,
        altinnInternalId,
      },
      select: { id: true, systemId: true },
    });
    await recordAudit(
      {
        ...auditBase,
        outcome: "success",
        detail: { altinnInternalId, accessPackages: data.accessPackages, redirectUrls: data.redirectUrls },
      },
      tx,
    );
    return created;
  });
}
