// The isolation suite's world: environment B with one of everything an id can name, environment A with
// an admin and an API key, and the client-administrator person (same ID-porten sub) in both.
import { randomUUID } from "node:crypto";
import type { ClientContext } from "@/lib/clients/delegation";
import type { EnvironmentView, Scope } from "@/lib/environments/types";
import { createKey } from "./api-client";
import { decideRequest } from "./emulator-controls";
import { addOrganisations, systemInput } from "./helpers";
import { ORG_BLOCKS, orgPool } from "./org-numbers";
import type { Portal } from "./portal";
import { seedEnvironment, uniqueName } from "./seed";
import type { Receiver } from "./webhook-receiver";

const orgs = orgPool(ORG_BLOCKS.isolation);
const SUB = `pairwise-${randomUUID()}`;
const ALL_SCOPES = [
  "systems:read",
  "systems:write",
  "customers:read",
  "customers:write",
  "requests:read",
  "requests:write",
  "events:read",
  "webhooks:write",
  "tokens:issue",
] as const;

/** What environment B holds, by the ids a caller would use. */
export type BIds = {
  system: string;
  altinnSystemId: string;
  customer: string;
  customerOrgNo: string;
  request: string;
  systemUser: string;
  key: string;
  apiKey: string;
  endpoint: string;
  delivery: string;
  bulkJob: string;
  finding: string;
  clientJob: string;
  /** An audit event in B's chain (its seq: the audit log's event page takes it). */
  auditEvent: string;
  /** A message in B's e-mail outbox (the delivery log's message page). */
  mail: string;
};

export type World = {
  a: EnvironmentView;
  b: EnvironmentView;
  /** An admin working in A (its environment cookie), and the same in B for the controls. */
  inA: Scope;
  inB: Scope;
  keyA: string;
  keyB: string;
  clientsA: ClientContext;
  clientsB: ClientContext;
  ids: BIds;
  /** A fresh org number (for bodies that need one). */
  orgNo: () => string;
};

const clientContext = (environment: EnvironmentView, org: string): ClientContext => ({
  session: { env: environment.slug, token: "person-token", exp: Math.floor(Date.now() / 1000) + 3600, sub: SUB },
  environment,
  org,
});

export async function seedIsolationWorld(p: Portal, receiver: Receiver): Promise<World> {
  const { environment: a } = await seedEnvironment(p, "iso-a");
  const { environment: b } = await seedEnvironment(p, "iso-b");
  const inA = p.scope(p.actors.admin, a);
  const inB = p.scope(p.actors.admin, b);
  const [customerOrgNo = "", requestOrgNo = "", bulkOrgNo = "", facilitator = ""] = orgs.take(4);
  await addOrganisations(p, [customerOrgNo, requestOrgNo, bulkOrgNo, facilitator]);

  const system = await p.m.systems.createSystem(inB, systemInput(p, uniqueName("iso")));
  // Open, so the public page would show it in B: what must not leak into A.
  await p.db.system.update({ where: { id: system.id }, data: { openOnboarding: true } });
  const customer = await p.m.customers.createCustomer(inB, { orgNo: customerOrgNo, name: "B AS", notes: "", tags: "" });
  const request = await p.m.requests.createRequest(inB, { systemId: system.id, orgNo: requestOrgNo, kind: "standard" });
  const { altinnRequestId } = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: request.id } });
  await decideRequest(p, altinnRequestId, "approve");
  await p.m.requests.refreshRequest(inB, request.id);
  const systemUser = await p.db.systemUser.findUniqueOrThrow({ where: { requestId: request.id } });
  const key = await p.db.signingKey.findFirstOrThrow({ where: { environmentId: b.id } });

  const { createWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
  const { sendWebhookTestEvent } = await import("@/lib/webhooks/test-event");
  const endpoint = await createWebhookEndpoint(inB, { url: `${receiver.url}/b`, description: "B", events: [] });
  const { deliveryId } = await sendWebhookTestEvent(inB, endpoint.id);
  const { previewBulkUpload } = await import("@/lib/bulk/jobs");
  const bulk = await previewBulkUpload(
    inB,
    { systemId: system.id, fileName: "b.csv" },
    new TextEncoder().encode(`orgnr\n${bulkOrgNo}\n`),
  );
  const finding = await p.db.reconFinding.create({
    data: {
      environmentId: b.id,
      kind: "request_vanished",
      systemId: system.id,
      orgNo: requestOrgNo,
      altinnId: randomUUID(),
      requestId: request.id,
    },
  });
  const clientJob = await p.db.clientAssignJob.create({
    data: { environmentId: b.id, facilitatorOrgNo: facilitator, agentSystemUserId: randomUUID(), startedBy: SUB },
  });
  const keyA = (await createKey(a, { name: "erp-a", scopes: [...ALL_SCOPES] })).secret;
  const createdB = await createKey(b, { name: "erp-b", scopes: [...ALL_SCOPES] });
  const auditEvent = await p.db.auditEvent.findFirstOrThrow({ where: { chain: b.id }, select: { seq: true } });
  const mail = await p.db.mailMessage.create({
    data: {
      environmentId: b.id,
      customerId: customer.id,
      kind: "test",
      recipient: "b@b.test",
      locale: "nb",
      subject: "B",
      html: "<p>B</p>",
      text: "B",
      triggeredBy: "isolation",
      status: "sent",
    },
  });

  return {
    a,
    b,
    inA,
    inB,
    keyA,
    keyB: createdB.secret,
    clientsA: clientContext(a, facilitator),
    clientsB: clientContext(b, facilitator),
    ids: {
      system: system.id,
      altinnSystemId: system.systemId,
      customer: customer.id,
      customerOrgNo,
      request: request.id,
      systemUser: systemUser.altinnSystemUserId,
      key: key.id,
      apiKey: createdB.id,
      endpoint: endpoint.id,
      delivery: deliveryId,
      bulkJob: bulk.id,
      finding: finding.id,
      clientJob: clientJob.id,
      auditEvent: auditEvent.seq.toString(),
      mail: mail.id,
    },
    orgNo: () => orgs.one(),
  };
}

/** Every row of B that a probe could touch, as JSON: equal before and after means nothing changed. */
export async function snapshotB(p: Portal, b: EnvironmentView): Promise<string> {
  const envId = b.id;
  const inEnv = { environmentId: envId };
  const rows = await Promise.all([
    p.db.system.findMany({ where: inEnv, orderBy: { id: "asc" } }),
    p.db.customer.findMany({ where: inEnv, orderBy: { id: "asc" } }),
    p.db.systemUserRequest.findMany({ where: { system: inEnv }, orderBy: { id: "asc" } }),
    p.db.systemUser.findMany({ where: { system: inEnv }, orderBy: { id: "asc" } }),
    p.db.signingKey.findMany({ where: inEnv, orderBy: { id: "asc" }, omit: { lastUsedAt: true } }),
    p.db.apiKey.findMany({
      where: inEnv,
      orderBy: { id: "asc" },
      omit: { lastUsedAt: true, lastUseDay: true, lastRefusedDay: true },
    }),
    p.db.webhookEndpoint.findMany({ where: inEnv, orderBy: { id: "asc" } }),
    p.db.webhookDelivery.findMany({ where: { endpoint: inEnv }, orderBy: { id: "asc" } }),
    p.db.bulkJob.findMany({ where: inEnv, include: { rows: true }, orderBy: { id: "asc" } }),
    p.db.reconFinding.findMany({ where: inEnv, orderBy: { id: "asc" } }),
    p.db.clientAssignJob.findMany({ where: inEnv, orderBy: { id: "asc" } }),
    p.db.onboardingLink.findMany({ where: { system: inEnv }, orderBy: { id: "asc" } }),
    p.db.auditEvent.count({ where: inEnv }),
    p.db.vendorEvent.count({ where: inEnv }),
    p.db.mailMessage.findMany({ where: inEnv, orderBy: { id: "asc" } }),
    p.db.customerMailContact.findMany({ where: { customer: inEnv }, orderBy: { customerId: "asc" } }),
    p.db.mailInvitation.findMany({ where: inEnv, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
