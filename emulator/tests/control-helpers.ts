// Helpers for the control, party, client-delegation and service-owner tests: admin calls, person
// tokens and system users written straight into the store (agent requests belong to another area).
import { randomUUID } from "node:crypto";
import type { RunningEmulator } from "../server";
import type { StoredSystemUser } from "../state/schema";

export const FACILITATOR_ORG = "314250052";
export const AUDIT_FIRM_ORG = "316200451";
export const CLIENT_ADMIN_PID = "15029054321";
export const AUDIT_ADMIN_PID = "23117598765";
export const NO_ROLE_PID = "09128833445";
export const PKG = "urn:altinn:accesspackage:";

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === "" ? "" : tryJson(text) };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function personToken(url: string, pid: string, scopes: string[]): Promise<string> {
  const res = await call(url, "POST", "/emulator/tokens/person", { pid, scopes });
  const body = res.body;
  if (
    res.status !== 200 ||
    typeof body !== "object" ||
    body === null ||
    !("token" in body) ||
    typeof body.token !== "string"
  ) {
    throw new Error(`person token failed: ${res.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}

export interface SystemUserOptions {
  ownerOrgNo: string;
  userType: "standard" | "agent";
  packages: string[];
  systemId?: string;
  externalRef?: string;
}

/** Writes a system user into the store as an approved (agent) request would. */
export function addSystemUser(emu: RunningEmulator, opts: SystemUserOptions): StoredSystemUser {
  const systemId = opts.systemId ?? "991825827_testsystem";
  const user: StoredSystemUser = {
    id: randomUUID(),
    integrationTitle: "Testintegrasjon",
    systemId,
    systemInternalId: randomUUID(),
    reporteeOrgNo: opts.ownerOrgNo,
    supplierOrgno: systemId.split("_")[0] ?? "",
    externalRef: opts.externalRef ?? opts.ownerOrgNo,
    rights: [],
    accessPackages: opts.packages.map((urn) => ({ urn })),
    created: "2026-01-01T00:00:00Z",
    isDeleted: false,
    userType: opts.userType,
    requestId: randomUUID(),
  };
  emu.emulator.store.mutate((d) => {
    d.systemUsers.push(user);
  });
  return user;
}
