import { route } from "@/lib/api/route";
import { listSystemsOp, createSystemOp } from "@/lib/api/v1/systems";

export const GET = route(listSystemsOp);
export const POST = route(createSystemOp);
