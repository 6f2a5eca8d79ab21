// Direct calls to the emulator: its admin API, and Altinn endpoints with a bearer token, so tests can
// check what Altinn holds without going through the portal code under test.
import { z } from "zod";

export type EmulatorResponse = { status: number; json: unknown };

type FetchOptions = { method?: "GET" | "POST" | "PUT" | "DELETE"; body?: unknown; token?: string };

export async function emulatorFetch(base: string, path: string, opts: FetchOptions = {}): Promise<EmulatorResponse> {
  const { body, token } = opts;
  const res = await fetch(`${base}${path}`, {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

const statsSchema = z.object({
  tokenGrants: z.number(),
  clients: z.number(),
  systems: z.number(),
  requests: z.number(),
  systemUsers: z.number(),
});

export async function emulatorStats(base: string) {
  const res = await emulatorFetch(base, "/emulator/stats");
  return statsSchema.parse(res.json);
}

export const registeredSystemSchema = z.object({
  id: z.string(),
  vendor: z.object({ ID: z.string() }),
  accessPackages: z.array(z.object({ urn: z.string() })),
  clientId: z.array(z.string()),
  allowedRedirectUrls: z.array(z.string()),
  isVisible: z.boolean(),
});

export const systemUserSchema = z.object({ id: z.uuid(), systemId: z.string(), reporteeOrgNo: z.string() });

export const requestSchema = z.object({ id: z.uuid(), status: z.string(), partyOrgNo: z.string() });
