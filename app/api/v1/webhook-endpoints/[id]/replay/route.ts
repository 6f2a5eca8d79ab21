import { route } from "@/lib/api/route";
import { replayWebhooksOp } from "@/lib/api/v1/webhook-deliveries";

export const POST = route(replayWebhooksOp);
