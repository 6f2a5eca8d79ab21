import type { AnyOperation } from "@/lib/api/operation";
import { listEventsOp } from "@/lib/api/v1/events";
import { issueTokenOp } from "@/lib/api/v1/tokens";

/** Every /api/v1 operation, in the order the reference shows them. */
export const OPERATIONS: AnyOperation[] = [listEventsOp, issueTokenOp];
