import { can, type Permission, type RoleName } from "@/lib/auth/permissions";
import { API_SCOPE_PERMISSIONS, type ApiScope } from "@/lib/auth/api-scopes";
import { AppError, forbidden } from "@/lib/core/errors";

/** The API key an actor acts through: it may do only what its scopes allow, in its one environment. */
export type ApiKeyIdentity = { id: string; name: string; prefix: string; environmentId: string; scopes: ApiScope[] };

export type Actor = {
  id: string;
  email: string;
  name: string;
  role: RoleName;
  mustChangePassword: boolean;
  apiKey?: ApiKeyIdentity;
  /** A command-line tool on the portal's own machine (npm run demo): audited as the system, not a person. */
  cli?: true;
};

/** For scripts that run with the database at hand (they are the operator of the machine). */
export const cliActor = (label: string): Actor => ({
  id: "00000000-0000-0000-0000-000000000000",
  email: label,
  name: label,
  role: "admin",
  mustChangePassword: false,
  cli: true,
});

/** A person who signed in with a one-time password may do nothing but replace it (and sign out). */
export const passwordChangeRequired = () =>
  new AppError(
    "password_change_required",
    {
      nb: "Du må velge et nytt passord før du kan bruke portalen.",
      en: "You must choose a new password before you can use the portal.",
    },
    403,
  );

const ONE_TIME_PASSWORD_ALLOWS: readonly Permission[] = ["account.self"];

/** A person by role; an API key by its scopes (never by a role it does not have). */
export function actorCan(actor: Actor, permission: Permission): boolean {
  if (actor.mustChangePassword && !ONE_TIME_PASSWORD_ALLOWS.includes(permission)) return false;
  if (actor.apiKey)
    return actor.apiKey.scopes.some((s) => (API_SCOPE_PERMISSIONS[s] as readonly Permission[]).includes(permission));
  return can(actor.role, permission);
}

/** Data-layer functions call this themselves; no caller is trusted to have checked. */
export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (actor?.mustChangePassword && !ONE_TIME_PASSWORD_ALLOWS.includes(permission)) throw passwordChangeRequired();
  if (!actor || !actorCan(actor, permission)) throw forbidden();
}
