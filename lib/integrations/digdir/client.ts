import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Connection } from "@/lib/integrations/connection";
import { AppError } from "@/lib/core/errors";
import { DIGDIR_WRITE_SCOPE } from "@/lib/integrations/digdir/scope";
import { getAccessToken } from "@/lib/integrations/maskinporten/tokens";

// Digdir's client admin API (CONTRACT §1.7): the client's JWKS is one set, so adding or removing a key
// is read-modify-write of the whole set. Only public keys ever travel here.
const publicJwk = z.looseObject({
  kty: z.string(),
  kid: z.string(),
  n: z.string().optional(),
  e: z.string().optional(),
});
const jwksBody = z.object({ keys: z.array(publicJwk) });
export type DigdirJwk = z.infer<typeof publicJwk>;

const errors: Record<number, { nb: string; en: string }> = {
  401: { nb: "Digdir godtok ikke tokenet fra Maskinporten.", en: "Digdir did not accept the Maskinporten token." },
  403: {
    nb: `Klienten mangler scopet ${DIGDIR_WRITE_SCOPE}, eller eies av en annen virksomhet. Registrer nøkkelen i selvbetjeningen i stedet.`,
    en: `The client lacks the ${DIGDIR_WRITE_SCOPE} scope or belongs to another organisation. Register the key in the self-service instead.`,
  },
  404: {
    nb: "Digdir kjenner ikke klient-ID-en. Sjekk miljøets klient-ID.",
    en: "Digdir does not know the client id. Check the environment's client id.",
  },
};

export function hasDigdirApi(environment: Connection): environment is Connection & { digdirApiUrl: string } {
  return Boolean(environment.digdirApiUrl);
}

async function call(
  environment: Connection & { digdirApiUrl: string },
  method: "GET" | "POST",
  body?: unknown,
): Promise<DigdirJwk[]> {
  // A token for the admin API only: never ask for Altinn scopes here, nor the reverse.
  const token = await getAccessToken({ ...environment, scopes: [DIGDIR_WRITE_SCOPE] });
  const url = new URL(`/clients/${encodeURIComponent(environment.clientId)}/jwks`, environment.digdirApiUrl);
  const correlationId = randomUUID();
  const started = performance.now();
  const log = (status: number | null, problemCode: string | null) =>
    environment.calls.record({
      environmentId: environment.id,
      service: "digdir",
      method,
      path: url.pathname,
      status,
      durationMs: performance.now() - started,
      problemCode,
      correlationId,
    });
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        "x-correlation-id": correlationId,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    await log(null, "unreachable");
    throw new AppError(
      "digdir_unreachable",
      {
        nb: "Fikk ikke kontakt med Digdirs API. Ingenting er endret.",
        en: "Could not reach Digdir's API. Nothing was changed.",
      },
      503,
      { cause },
    );
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const description =
      typeof json === "object" && json && "error_description" in json ? String(json.error_description) : "";
    await log(res.status, `digdir_${res.status}`);
    const text = errors[res.status] ?? {
      nb: `Digdir avviste forespørselen (${res.status}). ${description}`,
      en: `Digdir refused the request (${res.status}). ${description}`,
    };
    throw new AppError(`digdir_${res.status}`, text, res.status >= 500 ? 502 : 400);
  }
  await log(res.status, null);
  const parsed = jwksBody.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      "digdir_bad_response",
      { nb: "Digdir svarte med noe uventet.", en: "Digdir returned an unexpected response." },
      502,
      { cause: parsed.error },
    );
  return parsed.data.keys;
}

export const getClientJwks = (environment: Connection & { digdirApiUrl: string }) => call(environment, "GET");

/** Adds (or replaces, by kid) one public key, keeping every other key the client holds. */
export async function addClientKey(environment: Connection & { digdirApiUrl: string }, key: DigdirJwk) {
  const current = await getClientJwks(environment);
  return call(environment, "POST", { keys: [...current.filter((k) => k.kid !== key.kid), key] });
}

/** Removes one key; the others stay. Removing a key the client does not hold is a no-op. */
export async function removeClientKey(environment: Connection & { digdirApiUrl: string }, kid: string) {
  const current = await getClientJwks(environment);
  if (!current.some((k) => k.kid === kid)) return current;
  return call(environment, "POST", { keys: current.filter((k) => k.kid !== kid) });
}
