// What Altinn would refuse only when a request is created or approved, checked before anything is sent.
// Pure: the caller brings the system, the package catalogue and the Entity Register's answer, so the
// rules are unit-tested without a database (checks.test.ts). No server-only import.
import type { Text3 } from "@/lib/systems/catalogue/model";
import { checkRedirectUrl } from "@/lib/systems/redirects";

export type RequestKind = "standard" | "agent";
export type Verdict = "pass" | "fail" | "warn";
export type CheckId = "registered" | "packages" | "rights" | "redirect" | "clientId" | "entity";

/** One finding. `key` is an i18n key (lib/i18n/areas/preflight.ts); `params` fill it in. */
export type Check = {
  id: CheckId;
  verdict: Verdict;
  key: string;
  params?: Record<string, string>;
  /** The package a package finding is about: the page names it in the reader's language. */
  pkg?: { urn: string; name: Text3 | null };
};

export type CheckedSystem = {
  systemId: string;
  accessPackages: readonly string[];
  rights: readonly string[];
  clientIds: readonly string[];
  redirectUrls: readonly string[];
  altinnInternalId: string | null;
  deletedAt: Date | null;
};

export type PackageFlags = { isAssignable: boolean; isDelegable: boolean; name: Text3 };

/**
 * Which kind of system user a system is for: agent when it holds a client package (delegable only:
 * regnskapsfører, revisor, forretningsfører), which no standard system user can hold (CONTRACT §6.1).
 */
export function intendedKind(packages: readonly string[], find: (urn: string) => PackageFlags | undefined) {
  return packages.some((u) => find(u)?.isAssignable === false) ? "agent" : "standard";
}

/**
 * The system's own checks for one kind of request. `redirectUrl` is where the customer returns (the
 * portal's callback unless the request names one); `environmentClientId` is the client whose tokens
 * the portal fetches for system users, which Maskinporten looks for on the system (MP-303).
 */
export function systemChecks(
  system: CheckedSystem,
  kind: RequestKind,
  opts: { find: (urn: string) => PackageFlags | undefined; redirectUrl: string; environmentClientId: string },
): Check[] {
  const checks: Check[] = [];
  if (system.deletedAt) checks.push({ id: "registered", verdict: "fail", key: "preflight.registered.deleted" });
  else if (!system.altinnInternalId)
    checks.push({ id: "registered", verdict: "fail", key: "preflight.registered.missing" });
  else checks.push({ id: "registered", verdict: "pass", key: "preflight.registered.ok" });

  checks.push(...packageChecks(system.accessPackages, kind, opts.find));
  checks.push(rightsCheck(system, kind));

  const redirect = checkRedirectUrl(opts.redirectUrl, system.redirectUrls);
  checks.push(
    redirect.ok
      ? { id: "redirect", verdict: "pass", key: "preflight.redirect.ok", params: { url: opts.redirectUrl } }
      : {
          id: "redirect",
          verdict: "fail",
          key: redirect.reason === "noAllowed" ? "preflight.redirect.none" : "preflight.redirect.notRegistered",
          params: { url: opts.redirectUrl },
        },
  );

  const holds = system.clientIds.some((c) => c.toLowerCase() === opts.environmentClientId.toLowerCase());
  checks.push(
    holds
      ? {
          id: "clientId",
          verdict: "pass",
          key: "preflight.clientId.ok",
          params: { clientId: opts.environmentClientId },
        }
      : {
          id: "clientId",
          verdict: "fail",
          key: system.clientIds.length ? "preflight.clientId.other" : "preflight.clientId.none",
          params: { clientId: opts.environmentClientId },
        },
  );
  return checks;
}

function packageChecks(
  urns: readonly string[],
  kind: RequestKind,
  find: (urn: string) => PackageFlags | undefined,
): Check[] {
  if (urns.length === 0)
    return [
      {
        id: "packages",
        verdict: kind === "agent" ? "fail" : "warn",
        key: kind === "agent" ? "preflight.packages.noneAgent" : "preflight.packages.none",
      },
    ];
  const found: Check[] = [];
  for (const urn of urns) {
    const p = find(urn);
    if (!p) {
      found.push({ id: "packages", verdict: "fail", key: "preflight.packages.unknown", pkg: { urn, name: null } });
      continue;
    }
    // Standard needs isAssignable (AUTH-00064), agent needs isDelegable (AUTH-00065).
    const usable = kind === "standard" ? p.isAssignable : p.isDelegable;
    if (!usable)
      found.push({
        id: "packages",
        verdict: "fail",
        key: kind === "standard" ? "preflight.packages.notAssignable" : "preflight.packages.notDelegable",
        pkg: { urn, name: p.name },
      });
  }
  return found.length
    ? found
    : [{ id: "packages", verdict: "pass", key: "preflight.packages.ok", params: { count: String(urns.length) } }];
}

// Whether a resource may be delegated is the resource registry's call; Altinn checked each right's resource
// type when it registered the system (AUTH.VLD-00003/00017). What remains visible from here: an agent
// request carries no rights at all (CONTRACT §4.1), so a client system's single rights never reach anyone.
function rightsCheck(system: CheckedSystem, kind: RequestKind): Check {
  if (system.rights.length === 0) return { id: "rights", verdict: "pass", key: "preflight.rights.none" };
  if (kind === "agent")
    return {
      id: "rights",
      verdict: "warn",
      key: "preflight.rights.agent",
      params: { count: String(system.rights.length) },
    };
  if (!system.altinnInternalId)
    return {
      id: "rights",
      verdict: "fail",
      key: "preflight.rights.unchecked",
      params: { count: String(system.rights.length) },
    };
  return { id: "rights", verdict: "pass", key: "preflight.rights.ok", params: { count: String(system.rights.length) } };
}

/** What the Entity Register said, as pre-flight reads it. */
export type EntityAnswer =
  | {
      status: "found";
      name: string;
      bankrupt: boolean;
      underLiquidation: boolean;
      deletedOn: string | null;
    }
  | { status: "unknown" | "removed" | "unchecked" | "off" };

/**
 * Altinn refuses a request for an organisation the Entity Register does not know (AUTH-00000). A
 * bankrupt or liquidating one exists but its approver may be a bankruptcy estate: a warning. An outage
 * is never a failure: sending stays possible and the check says it could not look.
 */
export function entityCheck(orgNo: string, answer: EntityAnswer): Check {
  const params = { orgNo };
  switch (answer.status) {
    case "unchecked":
      return { id: "entity", verdict: "warn", key: "preflight.entity.unchecked", params };
    case "off":
      // A test environment: its synthetic organisations live only in Tenor, not in the open register.
      return { id: "entity", verdict: "pass", key: "preflight.entity.off", params };
    case "unknown":
      return { id: "entity", verdict: "fail", key: "preflight.entity.unknown", params };
    case "removed":
      return { id: "entity", verdict: "fail", key: "preflight.entity.removed", params };
    case "found":
      if (answer.deletedOn)
        return {
          id: "entity",
          verdict: "fail",
          key: "preflight.entity.deleted",
          params: { ...params, date: answer.deletedOn },
        };
      if (answer.bankrupt)
        return {
          id: "entity",
          verdict: "warn",
          key: "preflight.entity.bankrupt",
          params: { ...params, name: answer.name },
        };
      if (answer.underLiquidation)
        return {
          id: "entity",
          verdict: "warn",
          key: "preflight.entity.liquidation",
          params: { ...params, name: answer.name },
        };
      return { id: "entity", verdict: "pass", key: "preflight.entity.ok", params: { ...params, name: answer.name } };
  }
}

export const failures = (checks: readonly Check[]) => checks.filter((c) => c.verdict === "fail");

/**
 * What Altinn itself refuses when the request is created or approved. A missing Maskinporten client fails
 * later, when the vendor fetches tokens (MP-303): the system is not ready, but a request still goes through.
 */
const BLOCKING: ReadonlySet<CheckId> = new Set(["registered", "packages", "redirect", "entity"]);
export const blocks = (c: Check) => c.verdict === "fail" && BLOCKING.has(c.id);
export const isReady = (checks: readonly Check[]) => failures(checks).length === 0;

/** A stable label per failure reason, for counting a bulk job's failures per reason. */
export const reasonOf = (c: Check) => (c.pkg ? `${c.key}|${c.pkg.urn}` : c.key);
