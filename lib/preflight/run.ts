import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";
import { lookUpEntities } from "@/lib/preflight/entity";
import { fillMissingNames } from "@/lib/preflight/names";
import {
  blocks,
  entityCheck,
  intendedKind,
  isReady,
  reasonOf,
  systemChecks,
  type Check,
  type PackageFlags,
  type RequestKind,
} from "@/lib/preflight/checks";
import { callbackUrl } from "@/lib/requests/create-in-altinn";
import { packageCatalogue } from "@/lib/systems/catalogue/packages";

const SYSTEM_SELECT = {
  id: true,
  systemId: true,
  accessPackages: true,
  rights: true,
  clientIds: true,
  redirectUrls: true,
  altinnInternalId: true,
  deletedAt: true,
} as const;

/** The environment's own package catalogue (Altinn's metadata, the snapshot when it is down), by URN. */
async function packageFinder(scope: Scope): Promise<(urn: string) => PackageFlags | undefined> {
  const catalogue = await packageCatalogue(scope.environment);
  const byUrn = new Map<string, PackageFlags>();
  for (const g of catalogue.groups) for (const a of g.areas) for (const p of a.packages) byUrn.set(p.urn, p);
  return (urn) => byUrn.get(urn);
}

async function loadSystem(scope: Scope, id: string) {
  const system = isUuid(id)
    ? await db.system.findFirst({ where: { id, environmentId: scope.environment.id }, select: SYSTEM_SELECT })
    : null;
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  return system;
}

async function checksFor(scope: Scope, systemRowId: string, kind: RequestKind | null, redirectUrl?: string) {
  const [system, find] = await Promise.all([loadSystem(scope, systemRowId), packageFinder(scope)]);
  const k = kind ?? intendedKind(system.accessPackages, find);
  const checks = systemChecks(system, k, {
    find,
    // The portal's own callback, with a ref as every request's has: the query string is free (CONTRACT §4.1).
    redirectUrl: redirectUrl || callbackUrl("preflight"),
    environmentClientId: scope.environment.clientId,
  });
  return { system, kind: k, checks };
}

/** "Ready for customers": the system's own checks for the kind of system user it is for. */
export async function systemReadiness(scope: Scope, systemRowId: string) {
  assertCan(scope.actor, "portal.read");
  const { kind, checks } = await checksFor(scope, systemRowId, null);
  return { kind, checks, ready: isReady(checks) };
}

/** Before one request: the system's checks for this kind plus the organisation in the Entity Register. */
export async function requestPreflight(
  scope: Scope,
  input: { systemId: string; orgNo: string; kind: RequestKind; redirectUrl?: string },
) {
  assertCan(scope.actor, "requests.create");
  const [{ checks }, entities] = await Promise.all([
    checksFor(scope, input.systemId, input.kind, input.redirectUrl),
    lookUpEntities(scope.environment, [input.orgNo]),
  ]);
  await fillMissingNames(scope.environment, entities);
  const all = [...checks, entityCheck(input.orgNo, entities.get(input.orgNo) ?? { status: "unchecked" })];
  return { checks: all, ready: isReady(all), sendable: !all.some(blocks) };
}

export type ReasonCount = { reason: string; check: Check; count: number; orgNos: string[] };

/**
 * Before a selection or a bulk job: the system's failures fail every row; the Entity Register's answer
 * fails (or warns about) single organisations. Counted per reason, so the page says "12 would fail:
 * 10 unknown in the Entity Register, 2 deleted" before anything starts.
 */
export async function selectionPreflight(
  scope: Scope,
  input: { systemId: string; orgNos: readonly string[]; kind: RequestKind },
) {
  assertCan(scope.actor, "requests.create");
  const [{ checks }, entities] = await Promise.all([
    checksFor(scope, input.systemId, input.kind),
    lookUpEntities(scope.environment, input.orgNos),
  ]);
  await fillMissingNames(scope.environment, entities);
  const systemFailures = checks.filter(blocks);
  const reasons = new Map<string, ReasonCount>();
  const failing = new Set<string>();
  const count = (c: Check, orgNo: string) => {
    const key = reasonOf(c);
    const entry = reasons.get(key) ?? { reason: key, check: c, count: 0, orgNos: [] };
    entry.count += 1;
    entry.orgNos.push(orgNo);
    reasons.set(key, entry);
  };
  const warnings = new Map<string, ReasonCount>();
  // Not ready, yet Altinn takes the requests (a missing client fails only at token time): said, not counted.
  for (const c of checks.filter((c) => c.verdict === "fail" && !blocks(c)))
    warnings.set(reasonOf(c), { reason: reasonOf(c), check: c, count: new Set(input.orgNos).size, orgNos: [] });
  for (const orgNo of new Set(input.orgNos)) {
    const e = entityCheck(orgNo, entities.get(orgNo) ?? { status: "unchecked" });
    for (const c of systemFailures) count(c, orgNo);
    if (e.verdict === "fail") count(e, orgNo);
    if (systemFailures.length || e.verdict === "fail") failing.add(orgNo);
    if (e.verdict === "warn") {
      const key = e.key;
      const entry = warnings.get(key) ?? { reason: key, check: e, count: 0, orgNos: [] };
      entry.count += 1;
      entry.orgNos.push(orgNo);
      warnings.set(key, entry);
    }
  }
  return {
    total: new Set(input.orgNos).size,
    failing: [...failing],
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count),
    warnings: [...warnings.values()],
    systemChecks: checks,
  };
}
