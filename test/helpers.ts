import { expect } from "vitest";
import { AppError } from "@/lib/core/errors";
import type { CreateSystemInput } from "@/lib/systems/schema";
import { emulatorFetch } from "./emulator-api";
import type { Portal } from "./portal";

export const CUSTOMER_ORG = "310904473";
export const OTHER_CUSTOMER_ORG = "313469999";
export const CALLBACK = "http://127.0.0.1:3999/onboard/callback";

/** Awaits the call and checks it failed with this AppError code (and status, if given). */
export async function expectAppError(call: Promise<unknown>, code: string, status?: number): Promise<AppError> {
  const outcome = await call.then(
    (value: unknown) => ({ rejected: false as const, value }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!outcome.rejected) throw new Error(`expected AppError ${code}, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(AppError);
  expect(outcome.error).toMatchObject(status === undefined ? { code } : { code, status });
  if (!(outcome.error instanceof AppError)) throw outcome.error;
  return outcome.error;
}

/** Row counts of every table a data-layer call could write to. */
export async function counts(p: Portal) {
  const [keys, systems, customers, requests, systemUsers, audit] = await Promise.all([
    p.db.signingKey.count(),
    p.db.system.count(),
    p.db.customer.count(),
    p.db.systemUserRequest.count(),
    p.db.systemUser.count(),
    p.db.auditEvent.count(),
  ]);
  return { keys, systems, customers, requests, systemUsers, audit };
}

export function systemInput(p: Portal, name: string, overrides: Partial<CreateSystemInput> = {}): CreateSystemInput {
  return {
    name,
    nameNb: "Lønnssynk",
    nameNn: "Lønssynk",
    nameEn: "Payroll sync",
    descriptionNb: "Sender lønnsdata",
    descriptionNn: "Sender lønsdata",
    descriptionEn: "Sends payroll data",
    accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
    redirectUrl: CALLBACK,
    clientIds: [],
    isVisible: false,
    ...overrides,
  };
}

export async function lastAudit(p: Portal) {
  return p.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
}

/** Calls the emulator's Altinn API directly with the portal's token, to see what Altinn holds. */
export async function altinnCall(
  p: Portal,
  path: string,
  method: "GET" | "DELETE" | "POST" | "PUT" = "GET",
  body?: unknown,
) {
  const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
  const token = await p.m.tokens.getAccessToken(p.m.connect(environment));
  return emulatorFetch(p.emulatorUrl, `/authentication/api/v1${path}`, { method, token, body });
}

export { orgNumbers } from "./org-numbers";

/** Adds plain test organisations to the emulator's entity register, so requests may name them. */
export async function addOrganisations(p: Portal, orgNos: string[], name = "Testkunde AS"): Promise<void> {
  const res = await emulatorFetch(p.emulatorUrl, "/emulator/parties", {
    body: { organisations: orgNos.map((orgNo, i) => ({ orgNo, name: `${name} ${i + 1}` })) },
  });
  if (res.status !== 200)
    throw new Error(`emulator refused the organisations: ${res.status} ${JSON.stringify(res.json)}`);
}
