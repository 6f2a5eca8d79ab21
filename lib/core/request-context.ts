import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// Who caused the outbound calls made while `fn` runs, without threading it through every client.
const context = new AsyncLocalStorage<{ triggeredBy: string }>();

export function runAs<T>(triggeredBy: string, fn: () => Promise<T>): Promise<T> {
  return context.run({ triggeredBy }, fn);
}

export function currentTrigger(): string {
  return context.getStore()?.triggeredBy ?? "system";
}
