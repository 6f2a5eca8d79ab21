"use server";
import { action } from "@/lib/auth/safe-action";
import { runTokenDoctor } from "@/lib/tokens/doctor";
import { tokenDoctorSchema } from "@/lib/tokens/schema";

export const tokenDoctorAction = action(
  "tokens.diagnose",
  tokenDoctorSchema,
  (f) => ({
    systemId: f.get("systemId"),
    orgNo: f.get("orgNo") ?? "",
    externalRef: f.get("externalRef") ?? undefined,
  }),
  async (input, { actor, environment }) => {
    const report = await runTokenDoctor({ actor, environment }, input);
    // Form state carries strings only; the client parses this back with zod. It holds claims, never a token.
    return { result: { report: JSON.stringify(report) } };
  },
);
