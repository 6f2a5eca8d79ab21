import type { Permission } from "@/lib/auth/permissions";

/**
 * What an API key may be given. Each scope maps to the permissions the data layer checks, so a key
 * goes through the same checks as a person and can do no more than its scopes name.
 */
export const API_SCOPE_PERMISSIONS = {
  "systems:read": ["portal.read"],
  "systems:write": ["portal.read", "systems.manage"],
  "customers:read": ["portal.read"],
  "customers:write": ["portal.read", "customers.manage"],
  "requests:read": ["portal.read"],
  "requests:write": ["portal.read", "requests.create", "requests.refresh", "customers.manage"],
  "events:read": ["portal.read"],
  "webhooks:write": ["portal.read", "webhooks.manage"],
  "tokens:issue": ["tokens.issue"],
} as const satisfies Record<string, readonly Permission[]>;

export type ApiScope = keyof typeof API_SCOPE_PERMISSIONS;
export const API_SCOPES = Object.keys(API_SCOPE_PERMISSIONS) as ApiScope[];

/** Given when none are named: everything except tokens, which act as a customer and must be asked for. */
export const DEFAULT_API_SCOPES: ApiScope[] = API_SCOPES.filter((s) => s !== "tokens:issue");

export const isApiScope = (s: string): s is ApiScope => (API_SCOPES as string[]).includes(s);
