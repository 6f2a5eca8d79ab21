import type { Actor } from "@/lib/auth/actor";
import type { AuditActor } from "@/lib/audit/record";

/** How a signed-in person appears in the audit trail (one shape everywhere, so searches by id work). */
export function auditActor(actor: Pick<Actor, "id" | "email">): AuditActor {
  return { type: "user", id: actor.id, label: actor.email };
}
