import { route } from "@/lib/api/route";
import { getCustomerOp, upsertCustomerOp } from "@/lib/api/v1/customers";

export const GET = route(getCustomerOp);
export const PUT = route(upsertCustomerOp);
