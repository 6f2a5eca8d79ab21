import { expect } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import type { CreateSystemInput } from "@/lib/systems/schema";
import { freePort } from "./databases";
import { emulatorFetch } from "./emulator-api";
import type { Portal } from "./portal";

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

/** A system row as the edit form would submit it unchanged. */
export function editOf(row: {
  id: string;
  name: unknown;
  description: unknown;
  accessPackages: string[];
  redirectUrls: string[];
  clientIds: string[];
  isVisible: boolean;
}) {
  const name = row.name as Record<string, string>;
  const description = row.description as Record<string, string>;
  return {
    id: row.id,
    nameNb: name.nb ?? "",
    nameNn: name.nn ?? "",
    nameEn: name.en ?? "",
    descriptionNb: description.nb ?? "",
    descriptionNn: description.nn ?? "",
    descriptionEn: description.en ?? "",
    accessPackages: row.accessPackages,
    redirectUrls: row.redirectUrls,
    clientIds: row.clientIds,
    isVisible: row.isVisible,
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

const requestPage = z.object({
  data: z.array(z.object({ id: z.string(), partyOrgNo: z.string(), status: z.string() }).loose()),
  links: z.object({ next: z.string().nullish() }).loose(),
});

/** Every request Altinn holds for one system, all pages (what the vendor API lists: not the deleted ones). */
export async function altinnRequestsOf(p: Portal, systemId: string) {
  const all: z.infer<typeof requestPage>["data"] = [];
  let path: string | null = `/systemuser/request/vendor/bysystem/${systemId}`;
  while (path) {
    const page = requestPage.parse((await altinnCall(p, path)).json);
    all.push(...page.data);
    const next = page.links.next ? new URL(page.links.next) : null;
    path = next ? `${next.pathname.replace("/authentication/api/v1", "")}${next.search}` : null;
  }
  return all;
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

/** Points the Local environment at a port nobody answers on, runs `fn`, and puts the URL back. */
export async function withDeadUrl(p: Portal, field: "altinnBaseUrl" | "maskinportenTokenUrl", fn: () => Promise<void>) {
  const dead = `http://127.0.0.1:${await freePort()}`;
  const before = await p.m.environments.loadEnvironmentById(p.environmentId);
  await p.db.environment.update({
    where: { id: p.environmentId },
    data: { [field]: field === "altinnBaseUrl" ? dead : `${dead}/token` },
  });
  p.m.tokens.clearTokenCache(p.environmentId);
  try {
    await fn();
  } finally {
    await p.db.environment.update({ where: { id: p.environmentId }, data: { [field]: before[field] } });
    p.m.tokens.clearTokenCache(p.environmentId);
  }
}

/**
 * Runs the status poller with only these requests due: every other request's next check is put aside
 * for the run and then put back, so what the poller reports is about these alone, whatever else exists.
 */
export async function pollOnly(p: Portal, ids: string[]) {
  const { pollDueRequests } = await import("@/lib/requests/poller.job");
  const others = await p.db.systemUserRequest.findMany({
    where: { id: { notIn: ids }, nextCheckAt: { not: null } },
    select: { id: true, nextCheckAt: true },
  });
  await p.db.systemUserRequest.updateMany({
    where: { id: { in: others.map((o) => o.id) } },
    data: { nextCheckAt: null },
  });
  try {
    return await pollDueRequests();
  } finally {
    await p.db.$transaction(
      others.map((o) => p.db.systemUserRequest.update({ where: { id: o.id }, data: { nextCheckAt: o.nextCheckAt } })),
    );
  }
}
