// Calls /api/v1 route handlers in-process, the way Next.js would: a Request in, a Response out, through
// the same route() wrapper the route files export. Modules load on first use, after the portal set the env.
import type { AnyOperation } from "@/lib/api/operation";
import type { CreateApiKeyInput } from "@/lib/apikeys/schema";
import type { EnvironmentView } from "@/lib/environments/types";
import { ORG_BLOCKS, orgPool } from "./org-numbers";

export const API_BASE = "http://portal.test/api/v1";

/** The api suite's own customers. */
export const apiOrgs = orgPool(ORG_BLOCKS.api);

export type ApiAnswer = { status: number; headers: Headers; json: Record<string, unknown> & { [k: string]: unknown } };

export type ApiCall = {
  key?: string | null;
  body?: unknown;
  /** Sent as it is (for a body that is not JSON). */
  rawBody?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** The path below /api/v1 with its query, e.g. `/requests?limit=2`. */
  path: string;
};

export async function callApi(op: AnyOperation, call: ApiCall): Promise<ApiAnswer> {
  const { route } = await import("@/lib/api/route");
  const hasBody = call.body !== undefined || call.rawBody !== undefined;
  const req = new Request(`${API_BASE}${call.path}`, {
    method: op.method,
    headers: {
      ...(call.key ? { authorization: `Bearer ${call.key}` } : {}),
      ...(hasBody ? { "content-type": "application/json" } : {}),
      ...call.headers,
    },
    body: call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
  });
  const res = await route(op)(req, { params: Promise.resolve(call.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as ApiAnswer["json"]) : {} };
}

/** A key as `npm run apikey:create` makes one; the secret comes back once. */
export async function createKey(environment: EnvironmentView, input: CreateApiKeyInput) {
  const { createApiKeyFromCli } = await import("@/lib/apikeys/write");
  return createApiKeyFromCli(environment, input);
}

/** The operations, loaded after the env is set. */
export async function operations() {
  return {
    ...(await import("@/lib/api/v1/systems")),
    ...(await import("@/lib/api/v1/customers")),
    ...(await import("@/lib/api/v1/requests")),
    ...(await import("@/lib/api/v1/onboarding-links")),
    ...(await import("@/lib/api/v1/system-users")),
    ...(await import("@/lib/api/v1/events")),
    ...(await import("@/lib/api/v1/webhooks")),
    ...(await import("@/lib/api/v1/webhook-deliveries")),
    ...(await import("@/lib/api/v1/tokens")),
    OPERATIONS: (await import("@/lib/api/v1/index")).OPERATIONS,
  };
}
export type Ops = Awaited<ReturnType<typeof operations>>;
