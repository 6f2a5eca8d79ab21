import { z } from "zod";
import { AppError, type LocalizedText } from "@/lib/core/errors";
import { fieldErrorsFromProblem } from "@/lib/integrations/altinn/vld-fields";

const problem = z
  .object({
    code: z.string().optional(),
    title: z.string().optional(),
    status: z.number().optional(),
    validationErrors: z
      .array(z.object({ code: z.string(), title: z.string().optional(), paths: z.array(z.string()).optional() }))
      .optional(),
  })
  .loose();

// Altinn's codes mapped to what they mean for a vendor and what fixes them.
const EXPLAINED: Record<string, LocalizedText> = {
  "AUTH.VLD-00000": {
    nb: "Leverandørens organisasjonsnummer har feil format.",
    en: "The vendor organisation number has the wrong format.",
  },
  "AUTH.VLD-00001": {
    nb: "System-ID-en må starte med leverandørens organisasjonsnummer og _.",
    en: "The system id must start with the vendor organisation number and _.",
  },
  "AUTH.VLD-00002": {
    nb: "Et system med denne ID-en finnes allerede i Altinn (også slettede teller).",
    en: "A system with this id already exists in Altinn (deleted ones count too).",
  },
  "AUTH.VLD-00003": {
    nb: "En enkeltrettighet finnes ikke i Altinns ressursregister.",
    en: "A single right is not in Altinn's resource register.",
  },
  "AUTH.VLD-00004": {
    nb: "Klient-ID-en er allerede knyttet til et annet system.",
    en: "The client id is already linked to another system.",
  },
  "AUTH.VLD-00005": {
    nb: "Omdirigerings-URL-en må være en absolutt https-adresse.",
    en: "The redirect URL must be an absolute https URL.",
  },
  "AUTH.VLD-00006": { nb: "Samme enkeltrettighet står to ganger.", en: "The same single right is listed twice." },
  "AUTH.VLD-00007": { nb: "Samme tilgangspakke er valgt to ganger.", en: "The same access package was chosen twice." },
  "AUTH.VLD-00008": {
    nb: "En tilgangspakke finnes ikke eller kan ikke delegeres.",
    en: "An access package does not exist or cannot be delegated.",
  },
  "AUTH.VLD-00009": {
    nb: "En enkeltrettighet har feil ressurs-ID-type (må være urn:altinn:resource).",
    en: "A single right has the wrong resource id type (must be urn:altinn:resource).",
  },
  "AUTH.VLD-00011": { nb: "Samme klient-ID er oppgitt to ganger.", en: "The same client id is given twice." },
  "AUTH.VLD-00012": {
    nb: "System-ID-en i innholdet stemmer ikke med adressen.",
    en: "The system id in the body does not match the one in the URL.",
  },
  "AUTH.VLD-00013": { nb: "System-ID-en kan ikke inneholde mellomrom.", en: "The system id cannot contain spaces." },
  "AUTH.VLD-00014": {
    nb: "Agent-systembrukeren mangler eller finnes ikke.",
    en: "The agent system user is missing or does not exist.",
  },
  "AUTH.VLD-00015": {
    nb: "Systembrukeren er ikke en agent-systembruker.",
    en: "The system user is not an agent system user.",
  },
  "AUTH.VLD-00016": { nb: "Klienten mangler eller er ugyldig.", en: "The client is missing or invalid." },
  "AUTH.VLD-00017": {
    nb: "En enkeltrettighet gjelder en ressurstype som ikke kan delegeres.",
    en: "A single right is for a resource type that cannot be delegated.",
  },
  "AUTH.VLD-00018": {
    nb: "Klientpakker (regnskapsfører, revisor) kan ikke brukes på et synlig system.",
    en: "Client packages (accountant, auditor) cannot be used on a visible system.",
  },
  "AUTH-00000": {
    nb: "Altinn fant ikke organisasjonsnummeret i Enhetsregisteret.",
    en: "Altinn could not find the organisation number in the Entity Register.",
  },
  "AUTH-00004": {
    nb: "Kunden har allerede en systembruker for dette systemet.",
    en: "The customer already has a system user for this system.",
  },
  "AUTH-00010": {
    nb: "Altinn kjenner ikke forespørselen (den kan være slettet etter 28 dager).",
    en: "Altinn does not know the request (it may have been deleted after 28 days).",
  },
  "AUTH-00011": {
    nb: "Systemet finnes ikke i Altinn, eller tilhører en annen leverandør. Registrer systemet først.",
    en: "The system does not exist in Altinn or belongs to another vendor. Register the system first.",
  },
  "AUTH-00021": {
    nb: "Omdirigerings-URL-en er ikke registrert på systemet.",
    en: "The redirect URL is not registered on the system.",
  },
  "AUTH-00026": {
    nb: "Systemet har ingen registrerte omdirigerings-URL-er.",
    en: "The system has no registered redirect URLs.",
  },
  "AUTH-00063": {
    nb: "En tilgangspakke er ikke registrert på systemet.",
    en: "An access package is not registered on the system.",
  },
  "AUTH-00065": {
    nb: "En tilgangspakke kan ikke gis til en klientsystembruker (den kan ikke delegeres videre).",
    en: "An access package cannot be given to an agent system user (it is not delegable).",
  },
  "AUTH-00058": {
    nb: "En klientforespørsel må ha minst én tilgangspakke.",
    en: "An agent request needs at least one access package.",
  },
  "AUTH-00079": {
    nb: "Virksomheten er ikke registrert som regnskapsfører, revisor eller forretningsfører for klienten.",
    en: "The organisation is not registered as the client's accountant, auditor or business manager.",
  },
  "AUTH-00080": {
    nb: "Klienten har ikke gitt virksomheten alle tilgangspakkene klientsystembrukeren trenger.",
    en: "The client has not given the organisation every access package the agent system user needs.",
  },
  "AUTH-00038": {
    nb: "Klienten er ikke tildelt denne klientsystembrukeren.",
    en: "The client is not assigned to this agent system user.",
  },
  "AUTH-00064": {
    nb: "En tilgangspakke kan ikke gis til en vanlig systembruker (klientpakke).",
    en: "An access package cannot be given to a standard system user (client package).",
  },
};

export function explainCode(code: string): LocalizedText | undefined {
  return EXPLAINED[code];
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** What a caller needs to decide whether and when to try again. */
export function retryInfo(err: unknown): { httpStatus: number | null; retryAfterMs: number | null } {
  const cause =
    err instanceof AppError && typeof err.cause === "object" && err.cause
      ? (err.cause as { status?: unknown; retryAfterMs?: unknown })
      : {};
  return {
    httpStatus: typeof cause.status === "number" ? cause.status : null,
    retryAfterMs: typeof cause.retryAfterMs === "number" ? cause.retryAfterMs : null,
  };
}

export function problemToError(
  status: number,
  json: unknown,
  text: string,
  retryAfterMs: number | null = null,
): AppError {
  const parsed = problem.safeParse(json);
  const p = parsed.success ? parsed.data : undefined;
  const code = p?.validationErrors?.[0]?.code ?? p?.code ?? `http_${status}`;
  const fallbackDetail = p?.validationErrors?.[0]?.title ?? p?.title ?? (text.slice(0, 200) || `HTTP ${status}`);
  const message =
    EXPLAINED[code] ??
    (status === 401 || status === 403
      ? {
          nb: "Altinn avviste tilgangen (token eller scope mangler).",
          en: "Altinn denied access (token or scope missing).",
        }
      : {
          nb: `Altinn avviste forespørselen: ${fallbackDetail}`,
          en: `Altinn rejected the request: ${fallbackDetail}`,
        });
  // Several validation errors can come at once; the form shows each at its field.
  const fieldErrors = fieldErrorsFromProblem(json) ?? undefined;
  return new AppError(code, message, status >= 500 ? 502 : status, {
    cause: { status, body: json ?? text, retryAfterMs },
    fieldErrors,
  });
}
