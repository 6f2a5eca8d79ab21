import { route } from "@/lib/api/route";
import { listSystemUsersOp } from "@/lib/api/v1/system-users";

export const GET = route(listSystemUsersOp);
