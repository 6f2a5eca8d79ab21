import { route } from "@/lib/api/route";
import { replayWebhooksOp } from "@/lib/api/v1/webhooks";

export const POST = route(replayWebhooksOp);
