import { route } from "@/lib/api/route";
import { listWebhookDeliveriesOp } from "@/lib/api/v1/webhook-deliveries";

export const GET = route(listWebhookDeliveriesOp);
