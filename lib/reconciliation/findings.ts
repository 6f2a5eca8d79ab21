import "server-only";
import { db } from "@/lib/core/db";
import { type EnvironmentView } from "@/lib/environments/types";
import type { Prisma, ReconFindingKind } from "@/lib/generated/prisma/client";
import { type AltinnRequest } from "@/lib/integrations/altinn/requests";
import { type ListedSystemUser } from "@/lib/integrations/altinn/system-users";
import { REQUEST_LIFETIME_DAYS } from "@/lib/requests/sync";
import { emitEvent } from "@/lib/events/emit";

/** Who reconciliation acts as in the call log and in what it resolves by itself. */
export const LABEL = "reconciliation";

/**
 * Altinn forgets every request 28 days after creation (CONTRACT §4.1); ours that old are not expected in
 * its list. The hour of margin keeps a request right at the edge from showing as vanished.
 */
const EXPECTED_REQUEST_AGE_MS = REQUEST_LIFETIME_DAYS * 86_400_000 - 3_600_000;

export type Remote = { users: ListedSystemUser[]; requests: AltinnRequest[] };

type SystemRef = { id: string; systemId: string };

type Current = {
  kind: ReconFindingKind;
  altinnId: string;
  orgNo: string;
  customerId: string | null;
  systemUserId?: string;
  requestId?: string;
  detail?: Prisma.InputJsonValue;
};

/** What should be a finding right now for one system, from Altinn's full lists and our tables. */
export async function currentFindings(
  environment: EnvironmentView,
  system: SystemRef,
  remote: Remote,
  since: Date,
): Promise<Current[]> {
  const [ours, requests, customers] = await Promise.all([
    db.systemUser.findMany({
      where: { systemId: system.id },
      select: {
        id: true,
        altinnSystemUserId: true,
        requestId: true,
        deletedAt: true,
        discoveredAt: true,
        customer: { select: { id: true, orgNo: true } },
      },
    }),
    db.systemUserRequest.findMany({
      where: { systemId: system.id, createdAt: { lt: since } },
      select: {
        id: true,
        altinnRequestId: true,
        status: true,
        externalRef: true,
        createdAt: true,
        systemUser: { select: { id: true } },
        customer: { select: { id: true, orgNo: true } },
        events: { where: { kind: { in: ["deleted", "expired"] } }, select: { kind: true } },
      },
    }),
    db.customer.findMany({
      where: { environmentId: environment.id, orgNo: { in: remote.users.map((u) => u.reporteeOrgNo) } },
      select: { id: true, orgNo: true },
    }),
  ]);
  const found: Current[] = [];
  const inAltinn = new Set(remote.users.map((u) => u.id));
  // Only rows that existed before the run started: one linked a moment ago was not in the lists we read.
  for (const u of ours) {
    if (u.deletedAt || u.discoveredAt >= since || inAltinn.has(u.altinnSystemUserId)) continue;
    found.push({
      kind: "system_user_deleted",
      altinnId: u.altinnSystemUserId,
      orgNo: u.customer.orgNo,
      customerId: u.customer.id,
      systemUserId: u.id,
      requestId: u.requestId ?? undefined,
    });
  }
  const known = new Set(ours.map((u) => u.altinnSystemUserId));
  // Accepted in Altinn but not yet linked by the poller or callback: that link is coming, not drift.
  const linking = new Set(
    requests
      .filter((r) => !r.systemUser && (r.status === "New" || r.status === "Accepted"))
      .map((r) => `${r.customer.orgNo}|${r.externalRef}`),
  );
  const customerByOrg = new Map(customers.map((c) => [c.orgNo, c.id]));
  for (const u of remote.users) {
    if (known.has(u.id) || linking.has(`${u.reporteeOrgNo}|${u.externalRef ?? u.reporteeOrgNo}`)) continue;
    found.push({
      kind: "unknown_system_user",
      altinnId: u.id,
      orgNo: u.reporteeOrgNo,
      customerId: customerByOrg.get(u.reporteeOrgNo) ?? null,
      detail: {
        externalRef: u.externalRef ?? u.reporteeOrgNo,
        userType: u.userType ?? "standard",
        created: u.created ?? null,
      },
    });
  }
  const liveIds = new Set(remote.requests.map((r) => r.id));
  const youngest = Date.now() - EXPECTED_REQUEST_AGE_MS;
  for (const r of requests) {
    // Accepted requests go with their system user (reported above); ones we deleted or saw expire are gone on purpose.
    const expected =
      (r.status === "New" || r.status === "Rejected" || r.status === "Denied") &&
      r.createdAt.getTime() > youngest &&
      r.events.length === 0;
    if (!expected || liveIds.has(r.altinnRequestId)) continue;
    found.push({
      kind: "request_vanished",
      altinnId: r.altinnRequestId,
      orgNo: r.customer.orgNo,
      customerId: r.customer.id,
      requestId: r.id,
    });
  }
  return found;
}

/** Opens new findings, refreshes lastSeenAt, reopens ones that came back and resolves those gone. */
export async function storeFindings(environmentId: string, system: SystemRef, found: Current[]) {
  const now = new Date();
  const existing = await db.reconFinding.findMany({
    where: { environmentId, systemId: system.id },
    select: { id: true, kind: true, altinnId: true, resolvedAt: true, resolution: true },
  });
  const byKey = new Map(existing.map((f) => [`${f.kind}|${f.altinnId}`, f]));
  const seen = new Set<string>();
  let opened = 0;
  let resolved = 0;
  for (const c of found) {
    const key = `${c.kind}|${c.altinnId}`;
    seen.add(key);
    const row = byKey.get(key);
    const data = {
      orgNo: c.orgNo,
      customerId: c.customerId,
      systemUserId: c.systemUserId ?? null,
      requestId: c.requestId ?? null,
      detail: c.detail,
      lastSeenAt: now,
    };
    if (!row) {
      await db.$transaction(async (tx) => {
        const created = await tx.reconFinding.create({
          data: { environmentId, systemId: system.id, kind: c.kind, altinnId: c.altinnId, firstSeenAt: now, ...data },
          select: { id: true },
        });
        await emitDrift(tx, environmentId, system, created.id, c);
      });
      opened++;
    } else if (row.resolvedAt && row.resolution === "auto") {
      // Gone on one run, back on the next (e.g. a flapping list): open again rather than add a twin.
      await db.$transaction(async (tx) => {
        await tx.reconFinding.update({
          where: { id: row.id },
          data: { ...data, resolvedAt: null, resolution: null, resolvedById: null, resolvedByLabel: null },
        });
        await emitDrift(tx, environmentId, system, row.id, c);
      });
      opened++;
    } else {
      // Open, or a person's decision (ignored stays ignored): only note that it is still there.
      await db.reconFinding.update({ where: { id: row.id }, data: { lastSeenAt: now } });
    }
  }
  for (const f of existing) {
    if (f.resolvedAt || seen.has(`${f.kind}|${f.altinnId}`)) continue;
    await db.reconFinding.update({
      where: { id: f.id },
      data: { resolvedAt: now, resolution: "auto", resolvedByLabel: LABEL },
    });
    resolved++;
  }
  return { opened, resolved };
}

/** drift.detected: the vendor's product hears of a finding when it opens, in the same transaction. */
async function emitDrift(
  tx: Prisma.TransactionClient,
  environmentId: string,
  system: SystemRef,
  id: string,
  c: Current,
) {
  await emitEvent(tx, environmentId, "drift.detected", {
    finding: {
      id,
      kind: c.kind,
      systemId: system.id,
      altinnSystemId: system.systemId,
      orgNo: c.orgNo,
      altinnId: c.altinnId,
      requestId: c.requestId ?? null,
    },
  });
}
