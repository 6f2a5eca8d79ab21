import { route } from "@/lib/api/route";
import { listRequestsOp, createRequestOp } from "@/lib/api/v1/requests";

export const GET = route(listRequestsOp);
export const POST = route(createRequestOp);
