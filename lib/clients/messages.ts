import type { LocalizedText } from "@/lib/core/errors";
import { explainCode } from "@/lib/integrations/altinn/problems";

// Only codes travel in the clients pages' URLs; the words shown are ours, so a crafted link cannot put text on the page.
const TEXTS: Record<string, LocalizedText> = {
  assigned: { nb: "Klienten er tildelt.", en: "The client is assigned." },
  removed: { nb: "Klienten er fjernet.", en: "The client is removed." },
  client_login_expired: {
    nb: "Innloggingen er utløpt. Logg inn igjen med ID-porten.",
    en: "The login has expired. Log in again with ID-porten.",
  },
  client_admin_forbidden: {
    nb: "Du har ikke rollen klientadministrator eller tilgangsstyrer for virksomheten i Altinn.",
    en: "You do not have the client administrator or access manager role for the organisation in Altinn.",
  },
  idporten_not_configured: {
    nb: "ID-porten-innlogging er ikke satt opp for dette miljøet.",
    en: "ID-porten login is not set up for this environment.",
  },
  idporten_unreachable: {
    nb: "Fikk ikke kontakt med ID-porten. Prøv igjen om litt.",
    en: "Could not reach ID-porten. Try again shortly.",
  },
  idporten_login_failed: {
    nb: "Innloggingen med ID-porten mislyktes. Prøv igjen.",
    en: "The ID-porten login failed. Try again.",
  },
  altinn_unreachable: {
    nb: "Fikk ikke kontakt med Altinn. Ingenting er endret; prøv igjen om litt.",
    en: "Could not reach Altinn. Nothing was changed; try again shortly.",
  },
  invalid_org_no: {
    nb: "Organisasjonsnummeret må være 9 siffer med gyldig kontrollsiffer.",
    en: "The organisation number must be 9 digits with a valid check digit.",
  },
  invalid_input: { nb: "Ugyldige opplysninger.", en: "Invalid input." },
  not_found: { nb: "Fant ikke det du ba om.", en: "Not found." },
};

export function clientsMessage(code: string | undefined): LocalizedText | null {
  if (!code) return null;
  return (
    TEXTS[code] ?? explainCode(code) ?? { nb: "Noe gikk galt. Prøv igjen.", en: "Something went wrong. Try again." }
  );
}

export const isSuccessCode = (code: string | undefined) => code === "assigned" || code === "removed";
