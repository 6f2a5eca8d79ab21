import { route } from "@/lib/api/route";
import { createWebhookEndpointOp, listWebhookEndpointsOp } from "@/lib/api/v1/webhooks";

export const GET = route(listWebhookEndpointsOp);
export const POST = route(createWebhookEndpointOp);
