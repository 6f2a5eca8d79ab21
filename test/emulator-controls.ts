// The emulator's test controls (/emulator/…), one helper each, so suites do not carry their own copies:
// faults, deciding a request as the customer would, the call counts, the clock, and the Maskinporten
// client's keys.
import { expect } from "vitest";
import { z } from "zod";
import { DIGDIR_WRITE_SCOPE, LOCAL_ENVIRONMENT } from "@/lib/environments/local";
import type { PublicJwk } from "@/lib/keys/types";
import { emulatorFetch } from "./emulator-api";

type Emulator = { emulatorUrl: string };

export type Fault = { path: string; latencyMs?: number; errorRate?: number; status?: number; retryAfterS?: number };

export async function setFault(p: Emulator, fault: Fault): Promise<void> {
  const res = await emulatorFetch(p.emulatorUrl, "/emulator/faults", { body: fault });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

export async function clearFault(p: Emulator, path: string): Promise<void> {
  await emulatorFetch(p.emulatorUrl, `/emulator/faults?path=${encodeURIComponent(path)}`, { method: "DELETE" });
}

/** Runs `fn` with the fault in place and clears it afterwards, however `fn` ends. */
export async function withFault<T>(p: Emulator, fault: Fault, fn: () => Promise<T>): Promise<T> {
  await setFault(p, fault);
  try {
    return await fn();
  } finally {
    await clearFault(p, fault.path);
  }
}

const decidedSchema = z.object({ id: z.uuid(), status: z.string() }).loose();

/** The customer answers the request in "Altinn" (what the confirm page does). */
export async function decideRequest(
  p: Emulator,
  altinnRequestId: string,
  decision: "approve" | "reject" | "escalate",
  kind: "standard" | "agent" = "standard",
) {
  const base = kind === "agent" ? "agentrequests" : "requests";
  const res = await emulatorFetch(p.emulatorUrl, `/emulator/${base}/${altinnRequestId}/${decision}`, { body: {} });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return decidedSchema.parse(res.json);
}

const statsCalls = z.object({ calls: z.record(z.string(), z.record(z.string(), z.number())) });

/** What the emulator has answered on one route (`"METHOD /route/pattern"`), by status. */
export async function emulatorCalls(p: Emulator, route: string): Promise<Record<string, number>> {
  return statsCalls.parse((await emulatorFetch(p.emulatorUrl, "/emulator/stats")).json).calls[route] ?? {};
}

/** How many calls the emulator has answered on one route, with one status or with any. */
export async function emulatorCallCount(p: Emulator, route: string, status?: number): Promise<number> {
  const byStatus = await emulatorCalls(p, route);
  if (status !== undefined) return byStatus[String(status)] ?? 0;
  return Object.values(byStatus).reduce((a, b) => a + b, 0);
}

/** Moves the emulator's clock (only its own: the portal's stays put, so this is clock skew). */
export async function moveClock(p: Emulator, body: { advanceMs?: number; reset?: boolean }): Promise<void> {
  const res = await emulatorFetch(p.emulatorUrl, "/emulator/clock", { body });
  expect(res.status).toBe(200);
}

/** Registers (or re-registers) public keys on a Maskinporten client; other keys of the client stay. */
export async function registerAtMaskinporten(
  p: Emulator,
  keys: PublicJwk[],
  clientId: string = LOCAL_ENVIRONMENT.clientId,
): Promise<void> {
  const res = await emulatorFetch(p.emulatorUrl, "/emulator/maskinporten/clients", {
    body: {
      client_id: clientId,
      org_no: LOCAL_ENVIRONMENT.vendorOrgNo,
      scopes: [...LOCAL_ENVIRONMENT.scopes, DIGDIR_WRITE_SCOPE],
      jwks: { keys },
    },
  });
  if (res.status !== 200) throw new Error(`emulator refused the client: ${res.status} ${JSON.stringify(res.json)}`);
}

/** Takes one key off the Maskinporten client, as an admin at Digdir would. */
export async function removeFromMaskinporten(p: Emulator, kid: string, clientId = LOCAL_ENVIRONMENT.clientId) {
  const res = await emulatorFetch(p.emulatorUrl, `/emulator/maskinporten/clients/${clientId}/keys/${kid}`, {
    method: "DELETE",
  });
  expect(res.status).toBe(200);
}

const clientList = z.array(
  z.object({ client_id: z.string(), jwks: z.object({ keys: z.array(z.object({ kid: z.string() }).loose()) }) }),
);

/** The kids Maskinporten knows for one client. */
export async function kidsAtMaskinporten(p: Emulator, clientId = LOCAL_ENVIRONMENT.clientId): Promise<string[]> {
  const clients = clientList.parse((await emulatorFetch(p.emulatorUrl, "/emulator/maskinporten/clients")).json);
  return clients.find((c) => c.client_id === clientId)?.jwks.keys.map((k) => k.kid) ?? [];
}
