import { route } from "@/lib/api/route";
import { getSystemUserOp } from "@/lib/api/v1/system-users";

export const GET = route(getSystemUserOp);
