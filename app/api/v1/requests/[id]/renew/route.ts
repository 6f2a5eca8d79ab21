import { route } from "@/lib/api/route";
import { renewRequestOp } from "@/lib/api/v1/requests";

export const POST = route(renewRequestOp);
