// The emulator's test controls (/emulator/…, emulator/README.md): what a spec sets up or changes on
// "Altinn's" side without a browser. Each call checks its answer, so a broken control fails loudly.
import { expect } from "@playwright/test";
import { targetByPort } from "./servers";

export const emulatorUrl = (baseURL: string) => `http://127.0.0.1:${targetByPort(baseURL).emulatorPort}`;

/** A control call to the emulator at `url` (e2e/multiprocess.ts starts one of its own), its answer checked. */
export async function controlAt(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(200);
  return text ? JSON.parse(text) : null;
}

const control = (baseURL: string, method: string, path: string, body?: unknown) =>
  controlAt(emulatorUrl(baseURL), method, path, body);

/** Adds plain organisations to the Entity Register, so requests may name them (else AUTH-00000). */
export async function seedOrganisations(baseURL: string, organisations: [orgNo: string, name: string][]) {
  await control(baseURL, "POST", "/emulator/parties", {
    organisations: organisations.map(([orgNo, name]) => ({ orgNo, name })),
  });
}

export type Fault = { path: string; errorRate?: number; status?: number; latencyMs?: number; retryAfterS?: number };

export async function setFault(baseURL: string, fault: Fault) {
  await control(baseURL, "POST", "/emulator/faults", fault);
}

export async function clearFault(baseURL: string, path: string) {
  await control(baseURL, "DELETE", `/emulator/faults?path=${encodeURIComponent(path)}`);
}

/** Runs `during` with the fault in place and always clears it, so a failure here cannot leak an outage. */
export async function withFault<T>(baseURL: string, fault: Fault, during: () => Promise<T>): Promise<T> {
  await setFault(baseURL, fault);
  try {
    return await during();
  } finally {
    await clearFault(baseURL, fault.path);
  }
}

const DECISION_ROUTES: Record<string, string> = {
  request: "requests",
  agentrequest: "agentrequests",
  changerequest: "changerequests",
};

/**
 * The customer's decision through the emulator's shortcut, for specs where it is set-up rather than
 * the subject (the confirm pages are driven by decideInAltinn). Takes the confirm URL the portal
 * showed; answers Altinn's view of the request (its redirectUrl carries the portal's ref).
 */
export async function decideAtEmulator(
  baseURL: string,
  confirmUrl: string,
  decision: "approve" | "reject",
): Promise<{ id: string; status: string; redirectUrl?: string }> {
  const url = new URL(confirmUrl);
  const kind = DECISION_ROUTES[url.pathname.split("/").pop() ?? ""];
  const id = url.searchParams.get("id");
  if (!kind || !id) throw new Error(`not an emulator confirm URL: ${confirmUrl}`);
  return (await control(baseURL, "POST", `/emulator/${kind}/${id}/${decision}`)) as {
    id: string;
    status: string;
    redirectUrl?: string;
  };
}

export type EmulatorStats = { requests: number; systems: number; systemUsers: number };

export async function emulatorStats(baseURL: string): Promise<EmulatorStats> {
  return (await control(baseURL, "GET", "/emulator/stats")) as EmulatorStats;
}

/** The customer deletes a system user in Altinn (the emulator's shortcut; 202 on success). */
export async function deleteSystemUserAtEmulator(baseURL: string, systemUserId: string) {
  const res = await fetch(`${emulatorUrl(baseURL)}/emulator/systemusers/${systemUserId}`, { method: "DELETE" });
  expect(res.status, await res.text()).toBe(202);
}
