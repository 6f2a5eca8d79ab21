import "server-only";
import { auditActor } from "@/lib/audit/actor";
import type { Scope } from "@/lib/environments/types";
import { connect } from "@/lib/environments/connect";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { runAs } from "@/lib/core/request-context";
import { AppError, invalidInput, notFound, type LocalizedText } from "@/lib/core/errors";
import type { EnvironmentView } from "@/lib/environments/types";
import { diagnoseMp303, type Fix, type Mp303Cause } from "@/lib/tokens/diagnosis";
import { getExchangedToken } from "@/lib/integrations/altinn/exchange";
import { clockSkewText, MAX_CLOCK_SKEW_MS } from "@/lib/integrations/maskinporten/errors";
import { getSystemUserTokenDetails, systemUserCacheKey } from "@/lib/integrations/maskinporten/tokens";
import { callServiceOwnerTestApi, type ServiceOwnerAnswer } from "@/lib/integrations/serviceowner/test-api";
import { tokenDoctorSchema, type TokenDoctorInput } from "@/lib/tokens/schema";

export type DoctorStep = {
  id: "token" | "clock" | "claims" | "diagnosis" | "serviceOwner" | "exchange";
  ok: boolean;
  detail: LocalizedText;
  fix?: Fix;
};
export type Claims = { header: Record<string, unknown>; payload: Record<string, unknown> };
export type DoctorReport = {
  orgNo: string;
  externalRef: string | null;
  systemId: string;
  steps: DoctorStep[];
  code?: string;
  cause?: Mp303Cause;
  claims?: Claims;
  exchangedClaims?: Claims;
  serviceOwner?: ServiceOwnerAnswer;
};

// Where a mapped Maskinporten failure other than MP-303 is fixed in the portal.
const ENVIRONMENT_FIX: Fix = {
  href: "/environment",
  label: { nb: "Åpne miljø og nøkler", en: "Open environment and keys" },
};
const FIX_BY_CODE: Record<string, Fix> = {
  "MP-100": ENVIRONMENT_FIX,
  "MP-121": ENVIRONMENT_FIX,
  "MP-110": ENVIRONMENT_FIX,
  invalid_scope: ENVIRONMENT_FIX,
  no_signing_key: ENVIRONMENT_FIX,
};

const decode = (token: string): Claims => ({
  header: { ...decodeProtectedHeader(token) },
  payload: { ...decodeJwt(token) },
});
const message = (err: unknown): LocalizedText =>
  err instanceof AppError ? err.userMessage : { nb: "Uventet feil.", en: "Unexpected error." };

/**
 * For one customer: fetch a system-user token and show its claims; when Maskinporten refuses, say which
 * cause applies and where to fix it; then call the service owner's test API and the Altinn exchange.
 */
export async function runTokenDoctor({ actor, environment }: Scope, raw: TokenDoctorInput): Promise<DoctorReport> {
  assertCan(actor, "tokens.diagnose");
  const parsed = tokenDoctorSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { orgNo, externalRef } = parsed.data;
  const system = await db.system.findFirst({
    where: { id: parsed.data.systemId, environmentId: environment.id },
    select: { id: true, systemId: true },
  });
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  const report = await runAs(actor.email, () => examine(environment, system, orgNo, externalRef));
  const serviceOwnerStatus = report.serviceOwner?.status;
  await recordAudit({
    actor: auditActor(actor),
    action: "token.diagnose",
    target: { type: "customer", id: orgNo },
    outcome: report.steps.every((s) => s.ok) ? "success" : "failure",
    environmentId: environment.id,
    detail: {
      orgNo,
      externalRef: externalRef ?? null,
      systemId: system.systemId,
      code: report.code ?? null,
      cause: report.cause ?? null,
      serviceOwnerStatus: serviceOwnerStatus ?? null,
    },
  });
  return report;
}

async function examine(
  environment: EnvironmentView,
  system: { id: string; systemId: string },
  orgNo: string,
  externalRef: string | undefined,
): Promise<DoctorReport> {
  const report: DoctorReport = { orgNo, externalRef: externalRef ?? null, systemId: system.systemId, steps: [] };
  const context = { orgNo, externalRef };
  let token: string;
  try {
    const issued = await getSystemUserTokenDetails(connect(environment), context, { fresh: true });
    token = issued.token;
    report.steps.push({
      id: "token",
      ok: true,
      detail: {
        nb: `Maskinporten utstedte et systembrukertoken for ${orgNo}.`,
        en: `Maskinporten issued a system-user token for ${orgNo}.`,
      },
    });
    if (issued.clockSkewMs !== undefined && Math.abs(issued.clockSkewMs) > MAX_CLOCK_SKEW_MS) {
      report.steps.push({ id: "clock", ok: false, detail: clockSkewText(issued.clockSkewMs) });
    }
  } catch (err) {
    report.code = err instanceof AppError ? err.code : "unexpected";
    report.steps.push({ id: "token", ok: false, detail: message(err), fix: FIX_BY_CODE[report.code] });
    if (report.code === "MP-303") {
      const found = await diagnoseMp303(environment, system, orgNo, externalRef);
      report.cause = found.cause;
      report.steps.push({ id: "diagnosis", ok: false, detail: found.detail, fix: found.fix });
    }
    return report;
  }
  report.claims = decode(token);
  report.steps.push(checkClaims(report.claims.payload, system.systemId, orgNo));
  if (environment.serviceOwnerTestUrl) {
    const answer = await callServiceOwnerTestApi(environment.serviceOwnerTestUrl, orgNo, token);
    report.serviceOwner = answer;
    const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
    const why = answer.reason ? `: ${answer.reason}` : "";
    report.steps.push({
      id: "serviceOwner",
      ok,
      detail: ok
        ? {
            nb: `Tjenesteeierens test-API svarte ${answer.status}.`,
            en: `The service owner's test API answered ${answer.status}.`,
          }
        : {
            nb: `Tjenesteeierens test-API svarte ${answer.status ?? "ikke"}${why}`,
            en: `The service owner's test API answered ${answer.status ?? "nothing"}${why}`,
          },
    });
  }
  try {
    const exchanged = await getExchangedToken(
      connect(environment),
      systemUserCacheKey(environment, context),
      async () => token,
    );
    report.exchangedClaims = decode(exchanged.token);
    report.steps.push({
      id: "exchange",
      ok: true,
      detail: {
        nb: "Altinn vekslet tokenet til et Altinn-token.",
        en: "Altinn exchanged the token for an Altinn token.",
      },
    });
  } catch (err) {
    report.steps.push({ id: "exchange", ok: false, detail: message(err) });
  }
  return report;
}

/** The token must be for this customer and, since the client decides the system, for this system. */
function checkClaims(payload: Record<string, unknown>, systemId: string, orgNo: string): DoctorStep {
  const details = Array.isArray(payload.authorization_details) ? (payload.authorization_details as unknown[]) : [];
  const first = details.find(
    (d): d is Record<string, unknown> =>
      typeof d === "object" && d !== null && (d as Record<string, unknown>).type === "urn:altinn:systemuser",
  );
  const org =
    first && typeof first.systemuser_org === "object" && first.systemuser_org
      ? (first.systemuser_org as Record<string, unknown>).ID
      : undefined;
  const tokenSystem = first?.system_id;
  if (org !== `0192:${orgNo}` || tokenSystem !== systemId) {
    return {
      id: "claims",
      ok: false,
      detail: {
        nb: `Tokenet gjelder ${String(org ?? "ingen organisasjon")} og systemet ${String(tokenSystem ?? "–")}, ikke ${orgNo} og ${systemId}. Maskinporten velger systemet ut fra klient-ID-en.`,
        en: `The token is for ${String(org ?? "no organisation")} and the system ${String(tokenSystem ?? "–")}, not ${orgNo} and ${systemId}. Maskinporten picks the system from the client id.`,
      },
    };
  }
  return {
    id: "claims",
    ok: true,
    detail: {
      nb: "Tokenet gjelder riktig kunde og system. Påstandene vises under; selve tokenet vises aldri.",
      en: "The token is for the right customer and system. Its claims are shown below; the token itself is never shown.",
    },
  };
}
