import "server-only";
import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import type { Connection } from "@/lib/integrations/connection";
import { AppError } from "@/lib/core/errors";
import type { Cached } from "@/lib/integrations/maskinporten/cache";
import { noteGrant, tokenCache } from "@/lib/integrations/maskinporten/tokens";

// Maskinporten token → Altinn token (CONTRACT §2). The portal's own vendor calls keep sending the
// Maskinporten token (the documented path for the System Register and request APIs, one call fewer);
// the exchanged token is what Altinn apps and platform services need, and what the doctor shows.

const REFUSED: Record<number, AppError["userMessage"]> = {
  401: {
    nb: "Altinn godtok ikke Maskinporten-tokenet ved veksling (utløpt, feil utsteder eller mangler consumer).",
    en: "Altinn did not accept the Maskinporten token for exchange (expired, wrong issuer or no consumer claim).",
  },
  400: {
    nb: "Altinn kjenner ikke token-leverandøren i vekslings-URL-en. Sjekk Altinn-URL-en for miljøet.",
    en: "Altinn does not know the token provider in the exchange URL. Check the environment's Altinn URL.",
  },
  410: {
    nb: "Altinn har avviklet virksomhetsbruker-innlogging; vekslingen må gjøres uten den.",
    en: "Altinn has discontinued enterprise-user authentication; exchange without it.",
  },
};

/** One exchange call; the token goes in the Authorization header only and is never logged. */
export async function exchangeMaskinportenToken(environment: Connection, maskinportenToken: string): Promise<Cached> {
  const url = new URL("/authentication/api/v1/exchange/maskinporten", environment.altinnBaseUrl);
  // Docs ask callers to add test=true in test environments; Altinn ignores it for vendors.
  if (environment.kind === "test") url.searchParams.set("test", "true");
  const correlationId = randomUUID();
  const started = performance.now();
  const log = (status: number | null, problemCode: string | null) =>
    environment.calls.record({
      environmentId: environment.id,
      service: "altinn",
      method: "GET",
      path: `${url.pathname}${url.search}`,
      status,
      durationMs: performance.now() - started,
      problemCode,
      correlationId,
    });
  let res: Response;
  try {
    res = await fetch(url, {
      headers: {
        authorization: `Bearer ${maskinportenToken}`,
        accept: "text/plain",
        "x-correlation-id": correlationId,
      },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    await log(null, "unreachable");
    throw new AppError(
      "altinn_unreachable",
      { nb: "Fikk ikke kontakt med Altinn. Prøv igjen om litt.", en: "Could not reach Altinn. Try again shortly." },
      503,
      { cause },
    );
  }
  const text = (await res.text()).trim();
  if (!res.ok) {
    const code = `exchange_${res.status}`;
    await log(res.status, code);
    throw new AppError(
      code,
      REFUSED[res.status] ?? {
        nb: `Altinn avviste vekslingen (${res.status}).`,
        en: `Altinn refused the exchange (${res.status}).`,
      },
      res.status >= 500 ? 502 : 400,
    );
  }
  await log(res.status, null);
  // The body is the raw JWT as text; a JSON-quoted string is tolerated.
  const token = text.replace(/^"|"$/g, "");
  let exp: number | undefined;
  try {
    exp = decodeJwt(token).exp;
  } catch {
    exp = undefined;
  }
  if (typeof exp !== "number") {
    throw new AppError(
      "altinn_bad_response",
      { nb: "Altinn svarte med noe uventet (veksling).", en: "Altinn returned an unexpected response (exchange)." },
      502,
    );
  }
  return { token, expiresAt: exp * 1000 };
}

/**
 * The exchanged token for a Maskinporten token held under `maskinportenKey`, cached the same way:
 * keyed by that key, refreshed before the Altinn token's own `exp`.
 */
export function getExchangedToken(
  environment: Connection,
  maskinportenKey: string,
  maskinportenToken: () => Promise<string>,
): Promise<Cached> {
  return tokenCache.get(`${maskinportenKey}|altinn`, async () => {
    const exchanged = await exchangeMaskinportenToken(environment, await maskinportenToken());
    noteGrant("altinn");
    return exchanged;
  });
}
