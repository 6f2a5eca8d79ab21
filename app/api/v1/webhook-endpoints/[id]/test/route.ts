import { route } from "@/lib/api/route";
import { testWebhookEndpointOp } from "@/lib/api/v1/webhook-deliveries";

export const POST = route(testWebhookEndpointOp);
