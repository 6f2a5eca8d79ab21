import { route } from "@/lib/api/route";
import { listEventsOp } from "@/lib/api/v1/events";

export const GET = route(listEventsOp);
