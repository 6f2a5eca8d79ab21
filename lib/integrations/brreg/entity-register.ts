import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";

// Brønnøysund's open Entity Register (enhetsregisteret, brreg/openAPI specs/enhetsregisteret.yml): no key,
// no token. Only the fields pre-flight needs are read; everything else in the unit is ignored.
const unitSchema = z.looseObject({
  organisasjonsnummer: z.string(),
  navn: z.string(),
  organisasjonsform: z.looseObject({ kode: z.string(), beskrivelse: z.string().optional() }).optional(),
  konkurs: z.boolean().optional(),
  underKonkursbehandling: z.boolean().optional(),
  underAvvikling: z.boolean().optional(),
  underTvangsavviklingEllerTvangsopplosning: z.boolean().optional(),
  slettedato: z.string().optional(),
});

/** What the register says about one organisation number. */
export type EntityLookup =
  | {
      status: "found";
      name: string;
      orgForm: string | null;
      bankrupt: boolean;
      underLiquidation: boolean;
      /** The unit was deleted from the register on this date (it still answers 200). */
      deletedOn: string | null;
    }
  | { status: "unknown" }
  /** 410 Gone: removed from the register (the spec's "fjernet" units). */
  | { status: "removed" };

const unreachable = (cause: unknown) =>
  new AppError(
    "entity_register_unreachable",
    {
      nb: "Fikk ikke kontakt med Enhetsregisteret.",
      en: "Could not reach the Entity Register.",
    },
    503,
    { cause },
  );

/**
 * GET {base}/enhetsregisteret/api/enheter/{orgnr}. 404 and 410 are answers, not failures; anything
 * else unexpected throws `entity_register_unreachable` so the caller can say "could not check".
 */
export async function lookUpEntity(baseUrl: string, orgNo: string, timeoutMs = 5_000): Promise<EntityLookup> {
  const url = new URL(`enhetsregisteret/api/enheter/${encodeURIComponent(orgNo)}`, baseUrl.replace(/\/?$/, "/"));
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw unreachable(cause);
  }
  if (res.status === 404) return { status: "unknown" };
  if (res.status === 410) return { status: "removed" };
  if (!res.ok) throw unreachable(new Error(`Entity Register answered ${res.status}`));
  const parsed = unitSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw unreachable(parsed.error);
  const u = parsed.data;
  return {
    status: "found",
    name: u.navn,
    orgForm: u.organisasjonsform?.kode ?? null,
    bankrupt: Boolean(u.konkurs || u.underKonkursbehandling),
    underLiquidation: Boolean(u.underAvvikling || u.underTvangsavviklingEllerTvangsopplosning),
    deletedOn: u.slettedato ?? null,
  };
}
