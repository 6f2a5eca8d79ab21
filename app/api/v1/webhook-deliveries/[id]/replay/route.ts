import { route } from "@/lib/api/route";
import { replayWebhookDeliveryOp } from "@/lib/api/v1/webhook-deliveries";

export const POST = route(replayWebhookDeliveryOp);
