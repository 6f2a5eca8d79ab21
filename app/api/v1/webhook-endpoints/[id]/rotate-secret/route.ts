import { route } from "@/lib/api/route";
import { rotateWebhookSecretOp } from "@/lib/api/v1/webhooks";

export const POST = route(rotateWebhookSecretOp);
