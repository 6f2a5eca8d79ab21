// One integration suite, run once per database engine (each engine in its own test file, because
// db and env() are per-process singletons). FLOW_ONLY and FLOW_ORDER (below) pick and order the groups.
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import type { TestDatabase } from "./databases";
import { startPortal, type Portal } from "./portal";
import { auditTests } from "./suites/audit";
import { auditSearchTests } from "./suites/audit-search";
import { auditCoverageTests } from "./suites/audit-coverage";
import { chainTests } from "./suites/chain";
import { publicOnboardingTests } from "./suites/public-onboarding";
import { publicHardeningTests } from "./suites/public-hardening";
import { publicCapTests } from "./suites/public-cap";
import { changeRequestAllowlistTests } from "./suites/change-request-allowlist";
import { customerTests } from "./suites/customers";
import { keyTests } from "./suites/keys";
import { keyImportTests } from "./suites/key-import";
import { outageTests } from "./suites/outage";
import { outboundTests } from "./suites/outbound";
import { connectionTests } from "./suites/connection";
import { roleTests } from "./suites/roles";
import { environmentTests } from "./suites/environments";
import { tokenDoctorTests } from "./suites/token-doctor";
import { rotationTests } from "./suites/rotation";
import { systemAdminTests } from "./suites/systems-admin";
import { changeRequestTests } from "./suites/change-requests";
import { pollerTests } from "./suites/poller";
import { reconciliationTests } from "./suites/reconciliation";
import { agentTests } from "./suites/agents";
import { bulkTests } from "./suites/bulk";
import { bulkStoreTests } from "./suites/bulk-store";
import { bulkContactsTests } from "./suites/bulk-contacts";
import { vendorEventTests } from "./suites/vendor-events";
import { webhookTests } from "./suites/webhooks";
import { mailTests } from "./suites/mail";
import { apiTests } from "./suites/api";
import { limitTests } from "./suites/limits";
import { auditIntegrityTests } from "./suites/audit-integrity";
import { auditIntegrityPanelTests } from "./suites/audit-integrity-panel";
import { auditUpgradeTests } from "./suites/audit-upgrade";
import { auditCliTests } from "./suites/audit-cli";
import { edgeTests } from "./suites/edge";
import { oidcTests } from "./suites/oidc";
import { sessionTests } from "./suites/sessions";
import { isolationTests } from "./suites/isolation";
import { masterKeyTests } from "./suites/master-key";
import { dashboardTests } from "./suites/dashboard";
import { observabilityTests } from "./suites/observability";
import { brandingTests } from "./suites/branding";
import { preflightTests } from "./suites/preflight";
import { promotionTests } from "./suites/promotion";

export type PortalRef = () => Portal;

/**
 * Every group, by the key FLOW_ONLY takes. Each one seeds what it needs (test/seed.ts) and takes its own
 * org numbers (test/org-numbers.ts), so any one of them passes alone and they pass in any order.
 */
export const FLOW_SUITES = [
  ["roles", "roles are enforced in the data layer", roleTests],
  ["chain", "the chain from key to system user", chainTests],
  ["public-onboarding", "public onboarding: outcomes, signed links, rate limits", publicOnboardingTests],
  [
    "public-hardening",
    "public onboarding: one answer, opt-in open page, hourly cap, opaque links",
    publicHardeningTests,
  ],
  ["public-cap", "public onboarding: requests per system and hour", publicCapTests],
  ["change-request-allowlist", "change-request confirm URLs on the allowlist", changeRequestAllowlistTests],
  ["customers", "customers, request timeline and renew", customerTests],
  ["keys", "signing key storage", keyTests],
  ["key-import", "signing key import", keyImportTests],
  ["audit", "audit chain", auditTests],
  ["audit-search", "audit log filters, paging, event page and export", auditSearchTests],
  ["audit-coverage", "what the audit trail records: settings before/after, exports, API key use", auditCoverageTests],
  ["outage", "Altinn outage", outageTests],
  ["outbound", "outbound call log", outboundTests],
  ["connection", "test connection", connectionTests],
  ["environments", "environments side by side", environmentTests],
  ["token-doctor", "token doctor and system-user tokens", tokenDoctorTests],
  ["systems-admin", "System Register management", systemAdminTests],
  ["change-requests", "access packages, rights and change requests", changeRequestTests],
  ["poller", "background status poller", pollerTests],
  ["rotation", "key rotation", rotationTests],
  ["reconciliation", "reconciliation with Altinn and the requests list", reconciliationTests],
  ["agents", "agents and clients (accounting firms)", agentTests],
  ["bulk", "bulk onboarding", bulkTests],
  ["bulk-store", "bulk outcomes written in groups", bulkStoreTests],
  ["bulk-contacts", "a bulk file's e-mail column becomes the customers' mail contacts", bulkContactsTests],
  ["vendor-events", "vendor events and the token broker", vendorEventTests],
  ["webhooks", "webhook endpoints, signed delivery, retries and replay", webhookTests],
  ["mail", "e-mail invitations, reminders, the outbox through an SMTP outage, forwarding", mailTests],
  ["api", "vendor API (REST)", apiTests],
  ["limits", "rate limits shared by every portal process", limitTests],
  ["audit-integrity", "audit trail: checkpoints, anchors, tampering, exports, retention", auditIntegrityTests],
  [
    "audit-integrity-panel",
    "audit page integrity panel: full check on demand, one at a time; retention",
    auditIntegrityPanelTests,
  ],
  [
    "audit-upgrade",
    "audit trail: the one-off upgrade from one chain (scheme 1) to one per environment",
    auditUpgradeTests,
  ],
  ["audit-cli", "audit trail: npm run audit:export and audit:verify as commands", auditCliTests],
  ["edge", "public and API limits per client address, shared by every portal process", edgeTests],
  ["oidc", "single sign-on identities: bind, link, provision, refuse", oidcTests],
  ["sessions", "sign-in protection, one-time passwords, sessions and the Users page", sessionTests],
  ["isolation", "an id of another environment is a 404 everywhere", isolationTests],
  ["master-key", "master key rotation: re-seal every secret while the portal runs", masterKeyTests],
  ["dashboard", "the dashboard: funnel, time to approval, expiring requests, call statistics", dashboardTests],
  ["observability", "health probes, metrics and the live counter", observabilityTests],
  ["branding", "branded customer pages: refusals, override precedence, audit, the logo route", brandingTests],
  ["preflight", "pre-flight: what Altinn would refuse, checked before sending", preflightTests],
  ["promotion", "a test system promoted to production", promotionTests],
] as const satisfies readonly (readonly [string, string, (ref: PortalRef) => void])[];

/**
 * FLOW_ONLY=<key,key,…> runs only those groups; FLOW_ORDER=reverse runs them last to first. An unknown
 * key or order is an error rather than a run of nothing. E.g.
 *   FLOW_ONLY=bulk npx vitest run test/flow.pglite.test.ts
 *   FLOW_ORDER=reverse npx vitest run test/
 */
export function selectedSuites(vars: Record<string, string | undefined>) {
  const keys: readonly string[] = FLOW_SUITES.map(([key]) => key);
  const only = (vars.FLOW_ONLY ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = only.filter((k) => !keys.includes(k));
  if (unknown.length > 0) throw new Error(`FLOW_ONLY: unknown suite ${unknown.join(", ")}; known: ${keys.join(", ")}`);
  const order = vars.FLOW_ORDER ?? "";
  if (!["", "normal", "reverse"].includes(order)) throw new Error(`FLOW_ORDER: "${order}" is not normal or reverse`);
  const chosen = FLOW_SUITES.filter(([key]) => only.length === 0 || only.includes(key));
  return order === "reverse" ? [...chosen].reverse() : chosen;
}

export function flowSuite(startDatabase: () => Promise<TestDatabase>) {
  let database: TestDatabase | undefined;
  let portal: Portal | undefined;
  const ref: PortalRef = () => {
    if (!portal) throw new Error("the portal did not start (see beforeAll)");
    return portal;
  };

  beforeAll(async () => {
    database = await startDatabase();
    portal = await startPortal(database.url);
  });

  // Each test sees the environment as it is now, the way each request to the app reads it afresh.
  beforeEach(async () => {
    await portal?.refreshEnvironment();
  });

  afterAll(async () => {
    await portal?.stop();
    await database?.stop();
  });

  for (const [, title, tests] of selectedSuites(process.env)) describe(title, () => tests(ref));
}
