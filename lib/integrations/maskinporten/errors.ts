import { AppError, type LocalizedText } from "@/lib/core/errors";

type MpError = { error: string; error_description?: string } | null;

// Maskinporten's errors are terse; each entry says what went wrong and what fixes it.
const RULES: { test: (e: NonNullable<MpError>) => boolean; code: string; text: LocalizedText }[] = [
  {
    // Before MP-100: the emulator's iat text also says "Client authentication failed". Real
    // Maskinporten's wording for a bad iat is not documented, so match on the claim name.
    test: (e) => /claim iat|\biat\b.*(future|past|skew|clock)|clock skew/i.test(e.error_description ?? ""),
    code: "clock_skew",
    text: {
      nb: "Maskinporten avviste tidspunktet i granten (iat). Serverens klokke går trolig feil (grants må være innenfor ±10 s); synkroniser den (NTP).",
      en: "Maskinporten rejected the grant's issue time (iat). Your server's clock is probably off (grants must be within ±10 s); synchronise it (NTP).",
    },
  },
  {
    test: (e) => /MP-110|claim aud/i.test(e.error_description ?? ""),
    code: "MP-110",
    text: {
      nb: "Maskinporten avviste audience (aud). Sjekk utsteder-URL-en for miljøet.",
      en: "Maskinporten rejected the audience (aud). Check the environment's issuer URL.",
    },
  },
  {
    test: (e) => /MP-121|expired key/i.test(e.error_description ?? ""),
    code: "MP-121",
    text: {
      nb: "Nøkkelen er utløpt hos Maskinporten. Lag en ny nøkkel og registrer den.",
      en: "The key has expired at Maskinporten. Generate a new key and register it.",
    },
  },
  {
    test: (e) => /used before/i.test(e.error_description ?? ""),
    code: "MP-jti",
    text: {
      nb: "Maskinporten har sett denne forespørselen før (jti). Prøv igjen.",
      en: "Maskinporten has seen this grant before (jti). Try again.",
    },
  },
  {
    test: (e) => /MP-100|client authentication failed|client not found/i.test(e.error_description ?? ""),
    code: "MP-100",
    text: {
      nb: "Maskinporten kjente ikke igjen klienten eller nøkkelen. Er den offentlige nøkkelen registrert på klient-ID-en?",
      en: "Maskinporten did not accept the client or key. Is the public key registered on the client id?",
    },
  },
  {
    test: (e) => e.error === "invalid_scope",
    code: "invalid_scope",
    text: {
      nb: "Klienten har ikke alle scopes som ble bedt om. Legg dem til på klienten hos Digdir.",
      en: "The client lacks one or more requested scopes. Add them to the client at Digdir.",
    },
  },
  {
    test: (e) => /MP-303|invalid_altinn_customer_configuration/i.test(`${e.error} ${e.error_description ?? ""}`),
    code: "MP-303",
    text: {
      nb: "Fant ingen systembruker for kunden (MP-303).",
      en: "No system user could be resolved for the customer (MP-303).",
    },
  },
];

/** Maskinporten accepts grants whose iat is within this of its own clock (CONTRACT §1.2). */
export const MAX_CLOCK_SKEW_MS = 10_000;

/** The measured offset in plain words; the sign says which clock is ahead. */
export function clockSkewText(skewMs: number): LocalizedText {
  const s = Math.round(Math.abs(skewMs) / 1000);
  const nb = skewMs > 0 ? "går etter" : "går foran";
  const en = skewMs > 0 ? "behind" : "ahead of";
  return {
    nb: `Serverens klokke avviker fra Maskinportens med ${s} s (den ${nb}); grants må være innenfor ±10 s. Synkroniser klokken (NTP).`,
    en: `Your server's clock differs from Maskinporten's by ${s} s (it is ${en} Maskinporten's); grants must be within ±10 s. Synchronise the clock (NTP).`,
  };
}

/**
 * `clockSkewMs` is Maskinporten's clock minus ours (from its `Date` header). A grant refused while the
 * clocks are more than 10 s apart is explained as clock skew, whatever the terse error text says.
 */
export function explainMaskinportenError(status: number, body: MpError, clockSkewMs?: number): AppError {
  const skewed = clockSkewMs !== undefined && Math.abs(clockSkewMs) > MAX_CLOCK_SKEW_MS;
  const found = body ? RULES.find((r) => r.test(body)) : undefined;
  if (found?.code === "clock_skew" || (skewed && body?.error === "invalid_grant")) {
    const text = skewed ? clockSkewText(clockSkewMs) : (found?.text ?? clockSkewText(0));
    return new AppError("clock_skew", text, 400, { cause: { ...body, clockSkewMs } });
  }
  const rule = found;
  const text = rule?.text ?? {
    nb: `Maskinporten avviste forespørselen (${body?.error ?? status}).`,
    en: `Maskinporten rejected the request (${body?.error ?? status}).`,
  };
  return new AppError(rule?.code ?? body?.error ?? `http_${status}`, text, status >= 500 ? 502 : 400, { cause: body });
}
