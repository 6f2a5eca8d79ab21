import type { Actor } from "@/lib/auth/actor";
import type { AuditActor } from "@/lib/audit/record";

/** How an actor appears in the audit trail (one shape everywhere, so searches by id work). */
export function auditActor(actor: Pick<Actor, "id" | "email" | "apiKey" | "cli">): AuditActor {
  if (actor.cli) return { type: "system", label: actor.email };
  if (actor.apiKey)
    return { type: "api_key", id: actor.apiKey.id, label: `${actor.apiKey.name} (${actor.apiKey.prefix}…)` };
  return { type: "user", id: actor.id, label: actor.email };
}
