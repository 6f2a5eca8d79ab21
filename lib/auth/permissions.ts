export const ROLES = ["admin", "operator", "auditor"] as const;
export type RoleName = (typeof ROLES)[number];

// One table decides who may do what; data-layer functions and actions both consult it.
const MATRIX = {
  // One's own account (change the password, end one's sessions): the only thing a one-time password allows.
  "account.self": ["admin", "operator", "auditor"],
  "portal.read": ["admin", "operator", "auditor"],
  "keys.manage": ["admin"],
  "systems.manage": ["admin"],
  "requests.create": ["admin", "operator"],
  "requests.refresh": ["admin", "operator"],
  "customers.manage": ["admin", "operator"],
  // The export carries every customer's open confirm link: an operational tool, not an audit record.
  "customers.export": ["admin", "operator"],
  "environments.test": ["admin", "operator"],
  // Environment settings (URLs, client, allowlists), production's included, are an admin's call.
  "environments.manage": ["admin"],
  "tokens.diagnose": ["admin", "operator"],
  "audit.read": ["admin", "auditor"],
  // The audit trail's retention period (ADR 020).
  "audit.manage": ["admin"],
  // Fixing drift writes to our records (and may create requests); auditors only look (portal.read).
  "reconciliation.manage": ["admin", "operator"],
  "users.manage": ["admin"],
  // API keys are credentials for the vendor's own product; webhook endpoints receive every event.
  "apikeys.manage": ["admin"],
  "webhooks.manage": ["admin"],
  // A system-user token acts as the customer towards a service owner: people get one only through the doctor.
  "tokens.issue": ["admin"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof MATRIX;

export function can(role: RoleName, permission: Permission): boolean {
  return (MATRIX[permission] as readonly RoleName[]).includes(role);
}
