import { z } from "zod";

// What the settings forms post, as the action wrapper parses it: raw strings and the file as sent. The
// rules themselves (format, contrast, the logo's bytes) are checked by the data layer in one place
// (validate.ts), so one save reports every problem at once and writes nothing when any is found.
const raw = z.string().max(2000).default("");

export const brandingFormSchema = z.object({
  id: z.uuid(),
  displayName: raw,
  colour: raw,
  supportEmail: raw,
  supportPhone: raw,
  supportUrl: raw,
  removeLogo: z.boolean(),
  logo: z.instanceof(Blob).nullable(),
});

export const brandingFormInput = (f: FormData) => {
  const logo = f.get("logo");
  return {
    id: f.get("id"),
    displayName: f.get("displayName") ?? undefined,
    colour: f.get("colour") ?? undefined,
    supportEmail: f.get("supportEmail") ?? undefined,
    supportPhone: f.get("supportPhone") ?? undefined,
    supportUrl: f.get("supportUrl") ?? undefined,
    removeLogo: f.get("removeLogo") === "on",
    logo: logo instanceof Blob && logo.size > 0 ? logo : null,
  };
};

/** The upload's bytes; the size is checked again from the bytes themselves. */
export async function uploadBytes(logo: Blob | null): Promise<Uint8Array<ArrayBuffer> | null> {
  return logo ? new Uint8Array(await logo.arrayBuffer()) : null;
}
