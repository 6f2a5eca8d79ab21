import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError, invalidInput, notFound } from "@/lib/core/errors";
import { runAs } from "@/lib/core/request-context";
import type { Scope } from "@/lib/environments/types";
import { createRequestSchema, type CreateRequestInput } from "@/lib/requests/schema";
import { createOrReuseRequest } from "@/lib/requests/create-in-altinn";
import { checkRedirectUrl } from "@/lib/systems/redirects";

/**
 * A request an operator or an API client asks for: checked (role, input, system, redirect URL), then
 * made in Altinn the one way every request is (create-in-altinn.ts).
 */
export async function createRequest({ actor, environment }: Scope, raw: CreateRequestInput) {
  assertCan(actor, "requests.create");
  const parsed = createRequestSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const system = await db.system.findFirst({
    where: { id: input.systemId, environmentId: environment.id },
    select: {
      id: true,
      systemId: true,
      accessPackages: true,
      environmentId: true,
      altinnInternalId: true,
      deletedAt: true,
      redirectUrls: true,
    },
  });
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  if (system.deletedAt) {
    throw new AppError(
      "system_deleted",
      {
        nb: "Systemet er slettet i Altinn; det kan ikke få nye systembrukere.",
        en: "The system is deleted in Altinn; it cannot get new system users.",
      },
      409,
    );
  }
  if (!system.altinnInternalId) {
    throw new AppError(
      "system_not_registered",
      { nb: "Systemet er ikke registrert i Altinn ennå.", en: "The system is not registered in Altinn yet." },
      409,
    );
  }
  // Altinn's own rule (CONTRACT §4.1), as the system page's checker applies it: the query string may vary.
  if (input.redirectUrl && !checkRedirectUrl(input.redirectUrl, system.redirectUrls).ok)
    throw redirectNotRegistered(system.systemId);
  return runAs(actor.email, () =>
    createOrReuseRequest(environment, {
      system,
      orgNo: input.orgNo,
      by: auditActor(actor),
      via: actor.apiKey ? "api" : "operator",
      kind: input.kind,
      redirectUrl: input.redirectUrl,
    }),
  );
}

const redirectNotRegistered = (systemId: string) =>
  new AppError(
    "redirect_not_registered",
    {
      nb: `Omdirigerings-URL-en er ikke registrert på ${systemId}. Legg den til på systemet først (spørringen etter ? kan variere).`,
      en: `The redirect URL is not registered on ${systemId}. Add it to the system first (the query after ? may vary).`,
    },
    422,
    { fieldErrors: { redirectUrl: ["sysreg.vld.00005"] } },
  );
