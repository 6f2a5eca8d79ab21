import { route } from "@/lib/api/route";
import { listCustomersOp } from "@/lib/api/v1/customers";

export const GET = route(listCustomersOp);
