import { AppError, type LocalizedText } from "@/lib/errors";

type MpError = { error: string; error_description?: string } | null;

// Maskinporten's errors are terse; each entry says what went wrong and what fixes it.
const RULES: { test: (e: NonNullable<MpError>) => boolean; code: string; text: LocalizedText }[] = [
  {
    test: (e) => /MP-110|claim aud/i.test(e.error_description ?? ""),
    code: "MP-110",
    text: { nb: "Maskinporten avviste audience (aud). Sjekk utsteder-URL-en for miljøet.", en: "Maskinporten rejected the audience (aud). Check the environment's issuer URL." },
  },
  {
    test: (e) => /MP-121|expired key/i.test(e.error_description ?? ""),
    code: "MP-121",
    text: { nb: "Nøkkelen er utløpt hos Maskinporten. Lag en ny nøkkel og registrer den.", en: "The key has expired at Maskinporten. Generate a new key and register it." },
  },
  {
    test: (e) => /used before/i.test(e.error_description ?? ""),
    code: "MP-jti",
    text: { nb: "Maskinporten har sett denne forespørselen før (jti). Prøv igjen.", en: "Maskinporten has seen this grant before (jti). Try again." },
  },
  {
    test: (e) => /MP-100|client authentication failed|client not found/i.test(e.error_description ?? ""),
    code: "MP-100",
    text: { nb: "Maskinporten kjente ikke igjen klienten eller nøkkelen. Er den offentlige nøkkelen registrert på klient-ID-en?", en: "Maskinporten did not accept the client or key. Is the public key registered on the client id?" },
  },
  {
    test: (e) => e.error === "invalid_scope",
    code: "invalid_scope",
    text: { nb: "Klienten har ikke alle scopes som ble bedt om. Legg dem til på klienten hos Digdir.", en: "The client lacks one or more requested scopes. Add them to the client at Digdir." },
  },
  {
    test: (e) => /MP-303|invalid_altinn_customer_configuration/i.test(`${e.error} ${e.error_description ?? ""}`),
    code: "MP-303",
    text: { nb: "Fant ingen systembruker for kunden (MP-303).", en: "No system user could be resolved for the customer (MP-303)." },
  },
];

export function explainMaskinportenError(status: number, body: MpError): AppError {
  const rule = body ? RULES.find((r) => r.test(body)) : undefined;
  const text = rule?.text ?? {
    nb: `Maskinporten avviste forespørselen (${body?.error ?? status}).`,
    en: `Maskinporten rejected the request (${body?.error ?? status}).`,
  };
  return new AppError(rule?.code ?? body?.error ?? `http_${status}`, text, status >= 500 ? 502 : 400, { cause: body });
}
