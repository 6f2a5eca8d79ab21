import { z } from "zod";

/**
 * Every AUTH.VLD code (CONTRACT §7.3) → the form field it concerns and the i18n key that explains it.
 * Field names are the edit form's; the create form renames a few (CREATE_FORM_ALIASES).
 * 00014–00016 come from client delegation (`?agent`, `?client`), not from a System Register form.
 */
export const VLD_FIELDS = {
  "AUTH.VLD-00000": "vendor",
  "AUTH.VLD-00001": "systemId",
  "AUTH.VLD-00002": "systemId",
  "AUTH.VLD-00003": "rights",
  "AUTH.VLD-00004": "clientIds",
  "AUTH.VLD-00005": "redirectUrls",
  "AUTH.VLD-00006": "rights",
  "AUTH.VLD-00007": "accessPackages",
  "AUTH.VLD-00008": "accessPackages",
  "AUTH.VLD-00009": "rights",
  "AUTH.VLD-00011": "clientIds",
  "AUTH.VLD-00012": "systemId",
  "AUTH.VLD-00013": "systemId",
  "AUTH.VLD-00014": "agent",
  "AUTH.VLD-00015": "agent",
  "AUTH.VLD-00016": "client",
  // Altinn's path is accesspackages, but the choice that fixes it is visibility: shown there.
  "AUTH.VLD-00018": "isVisible",
  "AUTH.VLD-00017": "rights",
} as const satisfies Record<string, string>;

export type VldCode = keyof typeof VLD_FIELDS;
export const VLD_CODES = Object.keys(VLD_FIELDS) as VldCode[];

/** The create form has one redirect URL and composes the id from the short name. */
export const CREATE_FORM_ALIASES: Record<string, string> = { systemId: "name", redirectUrls: "redirectUrl" };

export const vldMessageKey = (code: VldCode) => `sysreg.vld.${code.slice(-5)}`;

const validationProblem = z
  .object({
    validationErrors: z.array(z.object({ code: z.string(), paths: z.array(z.string()).optional() }).loose()),
  })
  .loose();

function isVldCode(code: string): code is VldCode {
  return code in VLD_FIELDS;
}

/**
 * Altinn's AltinnValidationProblemDetails → field errors (i18n keys), or null when the body is not
 * one. An unknown VLD code lands on the form as a whole ("_form") with Altinn's own code.
 */
export function fieldErrorsFromProblem(
  body: unknown,
  aliases: Record<string, string> = {},
): Record<string, string[]> | null {
  const parsed = validationProblem.safeParse(body);
  if (!parsed.success || parsed.data.validationErrors.length === 0) return null;
  const errors: Record<string, string[]> = {};
  for (const { code } of parsed.data.validationErrors) {
    const field = isVldCode(code) ? VLD_FIELDS[code] : "_form";
    const key = isVldCode(code) ? vldMessageKey(code) : code;
    const list = (errors[aliases[field] ?? field] ??= []);
    if (!list.includes(key)) list.push(key);
  }
  return errors;
}

export function renameFields(
  errors: Record<string, string[]>,
  aliases: Record<string, string>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, keys] of Object.entries(errors)) (out[aliases[field] ?? field] ??= []).push(...keys);
  return out;
}
