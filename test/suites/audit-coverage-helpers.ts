import { expect } from "vitest";
import type { Portal } from "../portal";

/** The newest event of this action on this target. */
export const latest = (p: Portal, action: string, targetId: string) =>
  p.db.auditEvent.findFirstOrThrow({ where: { action, targetId }, orderBy: { seq: "desc" } });

/** Runs `change` and checks it recorded nothing at all. */
export async function recordsNothing(p: Portal, change: () => Promise<unknown>) {
  const before = await p.db.auditEvent.count();
  await change();
  expect(await p.db.auditEvent.count()).toBe(before);
}
