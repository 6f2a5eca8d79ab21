import { can, type Permission, type RoleName } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/core/errors";

export type Actor = { id: string; email: string; name: string; role: RoleName; mustChangePassword: boolean };

/** Data-layer functions call this themselves; no caller is trusted to have checked. */
export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor || !can(actor.role, permission)) throw forbidden();
}
