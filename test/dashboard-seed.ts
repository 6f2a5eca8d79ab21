// Builders for the dashboard suite: requests and calls with known timestamps, written the way any writer
// (Prisma, the bulk runner's SQL) leaves them, so the rollup triggers count them as they count real ones.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { EnvironmentView } from "@/lib/environments/types";
import type { OutboundService, RequestStatus } from "@/lib/generated/prisma/client";
import { addOrganisations } from "./helpers";
import { ORG_BLOCKS, orgPool } from "./org-numbers";
import type { Portal } from "./portal";
import { uniqueName } from "./seed";

export const orgs = orgPool(ORG_BLOCKS.dashboard);
export type Seed = { createdAt: Date; status?: RequestStatus; acceptedAt?: Date; withdrawn?: boolean };

/** Requests as any writer leaves them (one statement for all, as the bulk runner writes): the triggers count them. */
export async function insertRequests(p: Portal, environmentId: string, systemId: string, seeds: Seed[]) {
  const rows = seeds.map((s) => ({ ...s, id: randomUUID(), orgNo: orgs.one(), customerId: randomUUID() }));
  await addOrganisations(
    p,
    rows.map((r) => r.orgNo),
  );
  await p.db.customer.createMany({
    data: rows.map((r) => ({ id: r.customerId, environmentId, orgNo: r.orgNo, externalRef: `dash_${r.orgNo}` })),
  });
  await p.db.systemUserRequest.createMany({
    data: rows.map((r) => ({
      id: r.id,
      systemId,
      customerId: r.customerId,
      altinnRequestId: randomUUID(),
      externalRef: `dash_${r.orgNo}`,
      status: r.status ?? "New",
      confirmUrl: "http://127.0.0.1:4010/confirm",
      accessPackages: [],
      createdVia: "operator",
      createdAt: r.createdAt,
      acceptedAt: r.acceptedAt ?? null,
    })),
  });
  const withdrawn = rows.filter((r) => r.withdrawn);
  await p.db.requestEvent.createMany({ data: withdrawn.map((r) => ({ requestId: r.id, kind: "deleted" as const })) });
  return rows;
}

export type Call = {
  at: Date;
  service: OutboundService;
  method: string;
  path: string;
  status: number | null;
  ms: number;
};

export async function insertCalls(p: Portal, environmentId: string, calls: Call[]) {
  await p.db.outboundCall.createMany({
    data: calls.map(({ ms, ...c }) => ({
      ...c,
      durationMs: ms,
      environmentId,
      correlationId: randomUUID(),
      triggeredBy: "test",
    })),
  });
}

/** An environment with nothing in it, not even the calls a signing key or a system costs. */
export async function bareEnvironment(p: Portal): Promise<EnvironmentView> {
  const local = p.environment;
  const { id } = await p.db.environment.create({
    data: {
      slug: uniqueName("dash-calls"),
      name: "Dashboard calls",
      kind: "emulator",
      vendorOrgNo: local.vendorOrgNo,
      clientId: randomUUID(),
      scopes: local.scopes,
      maskinportenIssuer: local.maskinportenIssuer,
      maskinportenTokenUrl: local.maskinportenTokenUrl,
      altinnBaseUrl: local.altinnBaseUrl,
    },
    select: { id: true },
  });
  return p.m.environments.loadEnvironmentById(id);
}

export const within = (estimate: number | null, exact: number) => {
  expect(estimate).not.toBeNull();
  expect(Math.abs((estimate ?? 0) - exact) / exact).toBeLessThanOrEqual(0.05);
};
