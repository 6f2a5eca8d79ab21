import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { orgNoSchema } from "@/lib/requests/schema";
import { connect } from "@/lib/environments/connect";
import type { Scope } from "@/lib/environments/types";
import { getExchangedToken } from "@/lib/integrations/altinn/exchange";
import {
  getSystemUserTokenDetails,
  systemUserCacheKey,
  systemUserScopes,
} from "@/lib/integrations/maskinporten/tokens";
import { diagnoseMp303 } from "@/lib/tokens/diagnosis";

export const TokenRequestSchema = z
  .object({
    systemId: z.string().min(1).max(200).describe("The portal's system id, or Altinn's `{vendorOrgNo}_{name}`."),
    orgNo: orgNoSchema.describe("The customer's organisation number."),
    scopes: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(20)
      .optional()
      .describe("Scopes to ask for; by default the environment's system-user scopes."),
    altinn: z.boolean().default(false).describe("Exchange the Maskinporten token for an Altinn token."),
  })
  .meta({ id: "TokenRequest" });
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

export const TokenSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal("Bearer"),
    issuer: z.enum(["maskinporten", "altinn"]),
    expiresAt: z.string().datetime(),
    expiresIn: z
      .number()
      .int()
      .describe("Seconds left; the portal hands out cached tokens until shortly before expiry."),
    scopes: z.array(z.string()),
    orgNo: z.string(),
    systemId: z.string().uuid(),
    altinnSystemId: z.string(),
  })
  .meta({ id: "Token" });
export type IssuedToken = z.infer<typeof TokenSchema>;

/**
 * A system-user token for one customer, from the same single-flight cache the portal uses itself:
 * the private key never leaves the portal, and a thousand concurrent callers cost one grant. Tokens
 * are neither stored nor logged (the call log records the grant, never its token).
 */
export async function issueSystemUserToken({ actor, environment }: Scope, input: TokenRequest): Promise<IssuedToken> {
  assertCan(actor, "tokens.issue");
  const system = await db.system.findFirst({
    where: {
      environmentId: environment.id,
      deletedAt: null,
      ...(isUuid(input.systemId) ? { id: input.systemId } : { systemId: input.systemId }),
    },
    select: { id: true, systemId: true },
  });
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  const allowed = new Set([...environment.scopes, ...systemUserScopes(environment)]);
  const refused = (input.scopes ?? []).filter((s) => !allowed.has(s));
  if (refused.length > 0) {
    throw new AppError(
      "scope_not_allowed",
      {
        nb: `Miljøets klient har ikke disse scopene: ${refused.join(", ")}.`,
        en: `The environment's client does not have these scopes: ${refused.join(", ")}.`,
      },
      400,
    );
  }
  const customer = await db.customer.findUnique({
    where: { environmentId_orgNo: { environmentId: environment.id, orgNo: input.orgNo } },
    select: { externalRef: true },
  });
  if (!customer) throw noSystemUser(input.orgNo, system.systemId, "no_customer");
  const context = { orgNo: input.orgNo, externalRef: customer.externalRef };
  const conn = connect(environment);
  const scopes = input.scopes ? [...input.scopes].sort() : systemUserScopes(environment);
  let issued;
  try {
    issued = await getSystemUserTokenDetails(conn, context, { scopes });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "MP-303") throw err;
    // Maskinporten says only "no system user"; the doctor reads Altinn to say why.
    const found = await diagnoseMp303(environment, system, input.orgNo, customer.externalRef);
    throw new AppError("no_system_user", found.detail, 409, {
      cause: err,
      extra: { diagnosis: { cause: found.cause, detail: found.detail.en } },
    });
  }
  const token = input.altinn
    ? await getExchangedToken(conn, systemUserCacheKey(environment, context, scopes), async () => issued.token)
    : issued;
  return {
    accessToken: token.token,
    tokenType: "Bearer",
    issuer: input.altinn ? "altinn" : "maskinporten",
    expiresAt: new Date(token.expiresAt).toISOString(),
    expiresIn: Math.max(0, Math.floor((token.expiresAt - Date.now()) / 1000)),
    scopes,
    orgNo: input.orgNo,
    systemId: system.id,
    altinnSystemId: system.systemId,
  };
}

function noSystemUser(orgNo: string, systemId: string, cause: string) {
  const detail = {
    nb: `Portalen kjenner ingen kunde med organisasjonsnummer ${orgNo} i dette miljøet, så ingen systembruker for ${systemId}. Opprett en forespørsel først (POST /api/v1/requests).`,
    en: `The portal knows no customer with organisation number ${orgNo} in this environment, so no system user of ${systemId}. Create a request first (POST /api/v1/requests).`,
  };
  return new AppError("no_system_user", detail, 409, { extra: { diagnosis: { cause, detail: detail.en } } });
}
