import { route } from "@/lib/api/route";
import { issueTokenOp } from "@/lib/api/v1/tokens";

export const POST = route(issueTokenOp);
