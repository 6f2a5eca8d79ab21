import type { LocalizedText } from "@/lib/core/errors";
import { API_MESSAGES } from "@/lib/api/messages";

export type ProblemEntry = { status: number; text: LocalizedText };

// The transport's own problems (lib/api/route.ts), with the status each is answered with.
const TRANSPORT_STATUS: Record<keyof typeof API_MESSAGES, number> = {
  unauthenticated: 401,
  invalid_api_key: 401,
  api_key_revoked: 401,
  api_key_expired: 401,
  insufficient_scope: 403,
  rate_limited: 429,
  invalid_request: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  invalid_idempotency_key: 400,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
};

const t = (nb: string, en: string): LocalizedText => ({ nb, en });

/**
 * Every stable `code` an operation can answer with, beyond the transport's: what clients branch on and
 * what the API reference lists under #problem-<code>. Domain errors keep their code; Altinn's and
 * Maskinporten's are folded into a few upstream codes (lib/api/errors.ts), with their own in `upstreamCode`.
 */
const OPERATION_PROBLEMS = {
  invalid_cursor: [400, t("Markøren er ukjent eller ødelagt.", "The cursor is unknown or damaged.")],
  not_found: [404, t("Finnes ikke i nøkkelens miljø.", "Not found in the key's environment.")],
  redirect_not_allowed: [
    400,
    t("Omdirigerings-URL-er må være absolutte https-adresser.", "Redirect URLs must be absolute https URLs."),
  ],
  system_exists: [409, t("Et system med dette navnet finnes allerede.", "A system with this name already exists.")],
  client_id_in_use: [
    409,
    t("Klient-ID-en brukes allerede av et annet system.", "The client id is already used by another system."),
  ],
  system_deleted: [409, t("Systemet er slettet i Altinn.", "The system is deleted in Altinn.")],
  system_not_registered: [409, t("Systemet er ikke registrert i Altinn.", "The system is not registered in Altinn.")],
  system_missing_in_altinn: [
    409,
    t("Portalen kjenner systemet, men Altinn gjør det ikke.", "The portal knows the system, but Altinn does not."),
  ],
  no_client_packages: [
    409,
    t(
      "Systemet har ingen tilgangspakker en klientsystembruker kan bruke.",
      "The system has no access packages an agent system user can use.",
    ),
  ],
  no_standard_packages: [
    409,
    t(
      "Systemet har bare klientpakker; be om en klientsystembruker.",
      "The system has only client packages; ask for an agent system user.",
    ),
  ],
  request_not_renewable: [
    409,
    t(
      "Bare avviste og utløpte forespørsler, og ventende i sin siste uke, kan fornyes.",
      "Only rejected and expired requests, and waiting ones in their last week, can be renewed.",
    ),
  ],
  request_not_open: [
    409,
    t("Bare ventende forespørsler kan trekkes tilbake.", "Only requests still waiting can be withdrawn."),
  ],
  redirect_not_registered: [
    422,
    t("Omdirigerings-URL-en er ikke registrert på systemet.", "The redirect URL is not registered on the system."),
  ],
  altinn_validation: [
    422,
    t(
      "Altinn avviste innholdet; `upstreamCode` har Altinns kode og `errors` feltene.",
      "Altinn refused the content; `upstreamCode` holds Altinn's code and `errors` the fields.",
    ),
  ],
  altinn_conflict: [
    409,
    t("Altinn melder en konflikt med det som finnes.", "Altinn reports a conflict with what exists."),
  ],
  altinn_access_denied: [
    502,
    t(
      "Altinn avviste portalens tilgang (token eller scope). En administrator må rette miljøet.",
      "Altinn refused the portal's access (token or scope). An admin must fix the environment.",
    ),
  ],
  altinn_busy: [
    503,
    t("Altinn ber oss vente; prøv igjen etter Retry-After.", "Altinn asks us to wait; retry after Retry-After."),
  ],
  altinn_error: [
    502,
    t("Altinn svarte med en feil; trygt å prøve igjen.", "Altinn answered with an error; safe to retry."),
  ],
  altinn_unavailable: [
    502,
    t("Fikk ikke kontakt med Altinn; trygt å prøve igjen.", "Could not reach Altinn; safe to retry."),
  ],
  altinn_bad_response: [502, t("Altinn svarte med noe uventet.", "Altinn answered with something unexpected.")],
  confirm_url_not_allowed: [
    502,
    t(
      "Altinn ga en godkjenningslenke til en vert miljøet ikke tillater.",
      "Altinn gave a confirm URL on a host the environment does not allow.",
    ),
  ],
  maskinporten_error: [
    502,
    t(
      "Maskinporten ga ikke portalen et token; `upstreamCode` sier hvorfor.",
      "Maskinporten gave the portal no token; `upstreamCode` says why.",
    ),
  ],
  no_signing_key: [503, t("Miljøet har ingen aktiv signeringsnøkkel.", "The environment has no active signing key.")],
  signing_key_expired: [503, t("Miljøets signeringsnøkkel er utløpt.", "The environment's signing key has expired.")],
  no_system_user: [
    409,
    t(
      "Kunden har ingen godkjent systembruker for systemet; `diagnosis` sier hvorfor, som tokendoktoren.",
      "The customer has no accepted system user of the system; `diagnosis` says why, as the token doctor does.",
    ),
  ],
  scope_not_allowed: [
    400,
    t("Miljøets Maskinporten-klient har ikke scopet.", "The environment's Maskinporten client lacks the scope."),
  ],
  webhook_url_invalid: [400, t("Adressen er ikke en gyldig URL.", "The address is not a valid URL.")],
  webhook_url_https: [400, t("Mottakeren må bruke https.", "The receiver must use https.")],
  webhook_url_credentials: [
    400,
    t("Adressen kan ikke inneholde brukernavn eller passord.", "The address may not hold a user name or password."),
  ],
  webhook_url_blocked: [
    400,
    t(
      "Adressen peker til et privat, lokalt eller reservert nettverk.",
      "The address points to a private, local or reserved network.",
    ),
  ],
  webhook_endpoint_disabled: [409, t("Mottakeren er slått av.", "The endpoint is disabled.")],
} as const satisfies Record<string, readonly [number, LocalizedText]>;

export type ProblemCode = keyof typeof API_MESSAGES | keyof typeof OPERATION_PROBLEMS;

/** Code → status and explanation, for the mapping, the OpenAPI document and the reference page. */
export const PROBLEM_CODES: Record<ProblemCode, ProblemEntry> = {
  ...(Object.fromEntries(
    Object.entries(API_MESSAGES).map(([code, text]) => [
      code,
      { status: TRANSPORT_STATUS[code as keyof typeof API_MESSAGES], text },
    ]),
  ) as Record<keyof typeof API_MESSAGES, ProblemEntry>),
  ...(Object.fromEntries(
    Object.entries(OPERATION_PROBLEMS).map(([code, [status, text]]) => [code, { status, text }]),
  ) as Record<keyof typeof OPERATION_PROBLEMS, ProblemEntry>),
};

export const isProblemCode = (code: string): code is ProblemCode => code in PROBLEM_CODES;
