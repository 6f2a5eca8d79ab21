import { route } from "@/lib/api/route";
import { testWebhookEndpointOp } from "@/lib/api/v1/webhooks";

export const POST = route(testWebhookEndpointOp);
