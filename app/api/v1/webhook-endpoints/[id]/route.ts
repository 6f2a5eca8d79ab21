import { route } from "@/lib/api/route";
import { deleteWebhookEndpointOp, getWebhookEndpointOp, updateWebhookEndpointOp } from "@/lib/api/v1/webhooks";

export const GET = route(getWebhookEndpointOp);
export const PATCH = route(updateWebhookEndpointOp);
export const DELETE = route(deleteWebhookEndpointOp);
