// Shared set-up for the request, change-request and system-user tests: one emulator, a vendor with a
// registered system that offers a standard package, a client package and an admin package, and small
// helpers for calling the API and asserting ProblemDetails.
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { RunningEmulator } from "../server";
import {
  accessToken,
  api,
  CUSTOMER_ORG,
  json,
  newKey,
  postToken,
  registerClient,
  signGrant,
  start,
  systemBody,
  VENDOR_ORG,
  VENDOR_SCOPES,
  type TestClient,
  type TestKey,
} from "./helpers";

export const SYSTEM_ID = `${VENDOR_ORG}_fixture`;
export const REDIRECT = "https://vendor.example/receipt?state=xyz";
export const PKG = {
  standard: "urn:altinn:accesspackage:skattegrunnlag",
  farming: "urn:altinn:accesspackage:jordbruk",
  client: "urn:altinn:accesspackage:regnskapsforer-lonn",
  adminOnly: "urn:altinn:accesspackage:tilgangsstyrer",
} as const;
export const RIGHT = { resource: [{ id: "urn:altinn:resource", value: "ske-krav-og-betalinger" }] };
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Fixture {
  emu: RunningEmulator;
  token: string;
  key: TestKey;
  client: TestClient;
}

/** Registers hooks; the returned object is filled in before each test. */
export function setupFixture(): Fixture {
  const fx = { token: "" } as Fixture;
  beforeAll(async () => {
    fx.emu = await start();
    fx.key = await newKey();
  });
  afterAll(async () => fx.emu.close());
  beforeEach(async () => {
    await fetch(`${fx.emu.url}/emulator/reset`, { method: "POST" });
    fx.client = await registerClient(fx.emu.url, fx.key);
    fx.token = await accessToken(fx.emu.url, fx.client);
    const system = systemBody(SYSTEM_ID, {
      name: { nb: "Fikstur Regnskap" },
      isVisible: false,
      accessPackages: [{ urn: PKG.standard }, { urn: PKG.farming }, { urn: PKG.client }, { urn: PKG.adminOnly }],
    });
    expect((await api(fx.emu.url, fx.token, "POST", "/systemregister/vendor", system)).status).toBe(200);
  });
  return fx;
}

/**
 * Moves the emulated clock (what POST /emulator/clock does) and re-issues the vendor token, since
 * Maskinporten and the APIs judge iat/exp by the emulated clock too.
 */
export async function advanceDays(fx: Fixture, days: number): Promise<void> {
  fx.emu.emulator.store.mutate((d) => {
    d.control.clockOffsetMs += days * DAY_MS;
  });
  const now = Math.floor(fx.emu.emulator.now().getTime() / 1000);
  const grant = await signGrant(fx.emu.url, fx.client, VENDOR_SCOPES.join(" "), {
    claims: { iat: now, exp: now + 60 },
  });
  const body = await json(await postToken(fx.emu.url, grant));
  fx.token = String(body.access_token);
}

export function standardBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    systemId: SYSTEM_ID,
    partyOrgNo: CUSTOMER_ORG,
    accessPackages: [{ urn: PKG.standard }],
    redirectUrl: REDIRECT,
    ...overrides,
  };
}

export function agentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    systemId: SYSTEM_ID,
    partyOrgNo: CUSTOMER_ORG,
    accessPackages: [{ urn: PKG.client }],
    redirectUrl: REDIRECT,
    ...overrides,
  };
}

export async function create(
  fx: Fixture,
  path: string,
  body: Record<string, unknown>,
  status = 201,
): Promise<Record<string, unknown>> {
  const res = await api(fx.emu.url, fx.token, "POST", path, body);
  expect(res.status).toBe(status);
  return json(res);
}

export async function expectProblem(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = await json(res);
  expect(body).toMatchObject({ type: `urn:altinn:error:${code}`, status, code });
  return body;
}

export async function admin(fx: Fixture, method: string, path: string): Promise<Response> {
  return fetch(`${fx.emu.url}/emulator${path}`, { method });
}

export async function postForm(fx: Fixture, path: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${fx.emu.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
}
