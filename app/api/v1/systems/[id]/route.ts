import { route } from "@/lib/api/route";
import { getSystemOp, replaceSystemOp } from "@/lib/api/v1/systems";

export const GET = route(getSystemOp);
export const PUT = route(replaceSystemOp);
