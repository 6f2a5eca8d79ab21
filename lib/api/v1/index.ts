import type { AnyOperation } from "@/lib/api/operation";
import { listEventsOp } from "@/lib/api/v1/events";

/** Every /api/v1 operation, in the order the reference shows them. */
export const OPERATIONS: AnyOperation[] = [listEventsOp];
