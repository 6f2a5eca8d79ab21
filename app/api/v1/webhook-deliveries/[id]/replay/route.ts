import { route } from "@/lib/api/route";
import { replayWebhookDeliveryOp } from "@/lib/api/v1/webhooks";

export const POST = route(replayWebhookDeliveryOp);
