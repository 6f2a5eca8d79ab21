import { route } from "@/lib/api/route";
import { listWebhookDeliveriesOp } from "@/lib/api/v1/webhooks";

export const GET = route(listWebhookDeliveriesOp);
