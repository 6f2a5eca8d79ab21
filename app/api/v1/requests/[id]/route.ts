import { route } from "@/lib/api/route";
import { getRequestOp, withdrawRequestOp } from "@/lib/api/v1/requests";

export const GET = route(getRequestOp);
export const DELETE = route(withdrawRequestOp);
