import { route } from "@/lib/api/route";
import { refreshRequestOp } from "@/lib/api/v1/requests";

export const POST = route(refreshRequestOp);
