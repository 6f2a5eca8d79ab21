import "server-only";
import { readFormCapped } from "@/lib/core/body";
import { plainPage } from "@/lib/core/plain-page";
import { logger } from "@/lib/core/log";

// The public forms carry an org number or a reference: a few hundred bytes. 16 KiB leaves room for
// multipart boundaries and whatever a browser adds, and stops a flood of megabytes before it is read.
const MAX_FORM_BYTES = 16 * 1024;

const REFUSALS = {
  413: {
    nb: { title: "For mye data", body: "Skjemaet du sendte var for stort. Gå tilbake og prøv igjen." },
    en: { title: "Too much data", body: "The form you sent was too large. Go back and try again." },
  },
  415: {
    nb: { title: "Ikke et skjema", body: "Denne adressen tar bare imot utfylte skjemaer fra påmeldingssiden." },
    en: { title: "Not a form", body: "This address only accepts forms filled in on the onboarding page." },
  },
  400: {
    nb: { title: "Ugyldig skjema", body: "Skjemaet kunne ikke leses. Gå tilbake og prøv igjen." },
    en: { title: "Invalid form", body: "The form could not be read. Go back and try again." },
  },
} as const;

/**
 * The form a public page posted, or the answer to give instead: 413 past the cap, 415 for anything that
 * is not a form (JSON, text), 400 when it cannot be read. Nothing has been done by then, so nothing is stored.
 */
export async function readPublicForm(req: Request): Promise<FormData | Response> {
  const read = await readFormCapped(req, MAX_FORM_BYTES);
  if (read.ok) return read.value;
  logger("public").warn(`form refused: ${read.reason}`);
  return plainPage(read.status, REFUSALS[read.status]);
}
