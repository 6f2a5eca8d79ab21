import { z } from "zod";
import { created, defineOperation } from "@/lib/api/operation";
import { createOnboardingLinkFor, LINK_DAYS } from "@/lib/onboarding/links";
import { orgNoSchema } from "@/lib/requests/schema";
import { getSystem } from "@/lib/systems/queries";

const OnboardingLinkCreate = z
  .object({
    systemId: z.string().min(1).max(200).describe("The portal's id of the system, or Altinn's system id."),
    orgNo: orgNoSchema.describe("The customer's organisation number (mod-11 checked)."),
  })
  .meta({ id: "OnboardingLinkCreate" });

const OnboardingLink = z
  .object({
    url: z.string().url().describe("The customer's own link: it starts (or reuses) the request and sends them on."),
    expiresAt: z.string().datetime(),
  })
  .meta({ id: "OnboardingLink" });

export const createOnboardingLinkOp = defineOperation({
  method: "POST",
  path: "/onboarding-links",
  operationId: "createOnboardingLink",
  summary: "Make a signed onboarding link for a customer",
  description: `A link for one customer and one system, valid for ${LINK_DAYS} days, to send in your own e-mail or app. Making a new one for the same customer and system stops the older ones from working.`,
  tag: "Onboarding links",
  scope: "requests:write",
  body: OnboardingLinkCreate,
  response: { status: 201, description: "The link.", schema: OnboardingLink },
  problems: ["not_found", "system_deleted", "system_not_registered"],
  async handle({ body }, { scope }) {
    const system = await getSystem(scope, body.systemId);
    const link = await createOnboardingLinkFor(scope, { systemId: system.id, orgNo: body.orgNo });
    return created({ url: link.url, expiresAt: link.expiresAt.toISOString() });
  },
});
