import { route } from "@/lib/api/route";
import { createOnboardingLinkOp } from "@/lib/api/v1/onboarding-links";

export const POST = route(createOnboardingLinkOp);
