import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Connection } from "@/lib/integrations/connection";
import { getAccessToken } from "@/lib/integrations/maskinporten/tokens";
import { AppError } from "@/lib/core/errors";
import { parseRetryAfter, problemToError } from "@/lib/integrations/altinn/problems";

export type AltinnCall = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Record the call without waiting for the write (bulk jobs; they drain the log before finishing). */
  logInBackground?: boolean;
};

export type AltinnResponse = { status: number; json: unknown; text: string; traceId?: string };

const unreachable = (cause: unknown) =>
  new AppError(
    "altinn_unreachable",
    {
      nb: "Fikk ikke kontakt med Altinn. Ingenting er endret; prøv igjen om litt.",
      en: "Could not reach Altinn. Nothing was changed; try again shortly.",
    },
    503,
    { cause },
  );

/**
 * One authenticated call to the environment's Altinn platform. Non-2xx answers become AppErrors.
 * The token is the vendor's Maskinporten token unless `bearer` (a person's Altinn token) is given.
 */
export async function callAltinn(
  environment: Connection,
  call: AltinnCall,
  allow: number[] = [],
  bearer?: string,
): Promise<AltinnResponse> {
  const token = bearer ?? (await getAccessToken(environment));
  const url = new URL(`/authentication/api/v1${call.path}`, environment.altinnBaseUrl);
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const correlationId = randomUUID();
  const started = performance.now();
  const log = (status: number | null, problemCode: string | null, traceId?: string) =>
    (call.logInBackground ? environment.calls.recordInBackground : environment.calls.record)({
      environmentId: environment.id,
      service: "altinn",
      method: call.method,
      path: `${url.pathname}${url.search}`,
      status,
      durationMs: performance.now() - started,
      problemCode,
      traceId,
      correlationId,
    });
  let res: Response;
  try {
    res = await fetch(url, {
      method: call.method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        "x-correlation-id": correlationId,
        ...(call.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (cause) {
    await log(null, "unreachable");
    throw unreachable(cause);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  const traceId = typeof json === "object" && json && "traceId" in json ? String(json.traceId) : undefined;
  const error =
    !res.ok && !allow.includes(res.status)
      ? problemToError(res.status, json, text, parseRetryAfter(res.headers.get("retry-after")))
      : null;
  await log(res.status, error?.code ?? null, traceId);
  if (error) throw error;
  return { status: res.status, json, text, traceId };
}

/** Validates a success body; a shape we do not understand is an error, not a guess. */
export function parseBody<T>(schema: z.ZodType<T>, response: AltinnResponse, what: string): T {
  const parsed = schema.safeParse(response.json);
  if (!parsed.success) {
    throw new AppError(
      "altinn_bad_response",
      {
        nb: `Altinn svarte med noe uventet (${what}).`,
        en: `Altinn returned an unexpected response (${what}).`,
      },
      502,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
