import type { LocalizedText } from "@/lib/core/errors";

/** The transport's own problems (the operations' come from their AppErrors). */
export const API_MESSAGES = {
  unauthenticated: {
    nb: "Mangler API-nøkkel. Send den som «Authorization: Bearer sbp_…».",
    en: "No API key. Send it as “Authorization: Bearer sbp_…”.",
  },
  invalid_api_key: { nb: "API-nøkkelen er ukjent.", en: "The API key is not known." },
  api_key_revoked: { nb: "API-nøkkelen er trukket tilbake.", en: "The API key has been revoked." },
  api_key_expired: { nb: "API-nøkkelen er utløpt.", en: "The API key has expired." },
  insufficient_scope: {
    nb: "API-nøkkelen har ikke tilgangen denne operasjonen krever.",
    en: "The API key lacks the scope this operation requires.",
  },
  rate_limited: {
    nb: "For mange kall med denne nøkkelen. Vent til Retry-After og prøv igjen.",
    en: "Too many calls with this key. Wait for Retry-After and try again.",
  },
  invalid_request: { nb: "Forespørselen har ugyldige felt.", en: "The request has invalid fields." },
  invalid_json: { nb: "Innholdet er ikke gyldig JSON.", en: "The body is not valid JSON." },
  unsupported_media_type: {
    nb: "Send innholdet som application/json.",
    en: "Send the body as application/json.",
  },
  body_too_large: { nb: "Innholdet er for stort (høyst 256 KiB).", en: "The body is too large (256 KiB at most)." },
  invalid_idempotency_key: {
    nb: "Idempotency-Key må være 1–255 synlige ASCII-tegn.",
    en: "Idempotency-Key must be 1–255 visible ASCII characters.",
  },
  idempotency_key_reused: {
    nb: "Denne Idempotency-Key ble brukt til en annen forespørsel. Bruk en ny nøkkel for ny forespørsel.",
    en: "This Idempotency-Key was used for a different request. Use a new key for a new request.",
  },
  idempotency_in_progress: {
    nb: "En forespørsel med samme Idempotency-Key pågår. Prøv igjen om litt.",
    en: "A request with the same Idempotency-Key is in progress. Try again shortly.",
  },
} satisfies Record<string, LocalizedText>;
