import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";
import type { EventType } from "@/lib/events/types";
import { deliveryPageSchema, type DeliveryPageInput, type DeliveryStatus } from "@/lib/webhooks/schema";

export type WebhookEndpointView = {
  id: string;
  url: string;
  description: string;
  /** Empty: every event type. */
  events: EventType[];
  enabled: boolean;
  /** Set when a delivery used up its retries; new events are held until a replay. */
  failingSince: Date | null;
  /** While a rotation overlaps, the previous secret signs too until then. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  createdByLabel: string;
  /** Deliveries by status that need attention or are on their way. */
  waiting: { pending: number; held: number; failed: number };
};

const SELECT = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  disabledAt: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  createdByLabel: true,
} as const;

type Row = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  disabledAt: Date | null;
  failingSince: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  createdByLabel: string;
};

export const endpointNotFound = () => notFound({ nb: "webhook-mottakeren", en: "Webhook endpoint" });

async function waitingCounts(ids: string[]) {
  const groups = await db.webhookDelivery.groupBy({
    by: ["endpointId", "status"],
    where: { endpointId: { in: ids }, status: { in: ["pending", "working", "held", "failed"] } },
    _count: { _all: true },
  });
  const counts = new Map(ids.map((id) => [id, { pending: 0, held: 0, failed: 0 }]));
  for (const g of groups) {
    const c = counts.get(g.endpointId);
    if (!c) continue;
    if (g.status === "held" || g.status === "failed") c[g.status] += g._count._all;
    else c.pending += g._count._all;
  }
  return counts;
}

function view(row: Row, waiting: WebhookEndpointView["waiting"]): WebhookEndpointView {
  const overlap = row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date();
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.eventTypes as EventType[],
    enabled: row.disabledAt === null,
    failingSince: row.failingSince,
    previousSecretExpiresAt: overlap ? row.previousSecretExpiresAt : null,
    createdAt: row.createdAt,
    createdByLabel: row.createdByLabel,
    waiting,
  };
}

export async function listWebhookEndpoints({ actor, environment }: Scope): Promise<WebhookEndpointView[]> {
  assertCan(actor, "portal.read");
  const rows = await db.webhookEndpoint.findMany({
    where: { environmentId: environment.id },
    orderBy: { createdAt: "asc" },
    select: SELECT,
  });
  const counts = await waitingCounts(rows.map((r) => r.id));
  return rows.map((r) => view(r, counts.get(r.id) ?? { pending: 0, held: 0, failed: 0 }));
}

export async function getWebhookEndpoint({ actor, environment }: Scope, id: string): Promise<WebhookEndpointView> {
  assertCan(actor, "portal.read");
  const row = isUuid(id)
    ? await db.webhookEndpoint.findFirst({ where: { id, environmentId: environment.id }, select: SELECT })
    : null;
  if (!row) throw endpointNotFound();
  const counts = await waitingCounts([row.id]);
  return view(row, counts.get(row.id) ?? { pending: 0, held: 0, failed: 0 });
}

/** For the dashboard: endpoints that gave up, oldest failure first. */
export async function listFailingWebhookEndpoints({ actor, environment }: Scope) {
  assertCan(actor, "portal.read");
  return db.webhookEndpoint.findMany({
    where: { environmentId: environment.id, failingSince: { not: null } },
    orderBy: { failingSince: "asc" },
    select: {
      id: true,
      url: true,
      failingSince: true,
      _count: { select: { deliveries: { where: { status: "held" } } } },
    },
  });
}

export type WebhookAttemptView = {
  at: Date;
  status: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
};

export type WebhookDeliveryView = {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  succeededAt: Date | null;
  createdAt: Date;
  event: { id: string; type: string; sequence: number; timestamp: Date };
  log: WebhookAttemptView[];
};

/** One endpoint's deliveries, newest first, each with its attempts (oldest first). */
export async function listWebhookDeliveries(
  scope: Scope,
  endpointId: string,
  page: DeliveryPageInput = {},
): Promise<{ data: WebhookDeliveryView[]; nextCursor: string | null }> {
  assertCan(scope.actor, "portal.read");
  const endpoint = isUuid(endpointId)
    ? await db.webhookEndpoint.findFirst({
        where: { id: endpointId, environmentId: scope.environment.id },
        select: { id: true },
      })
    : null;
  if (!endpoint) throw endpointNotFound();
  const { cursor, status, limit } = deliveryPageSchema.parse(page);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId, ...(status ? { status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: limit + 1,
    select: {
      id: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      succeededAt: true,
      createdAt: true,
      event: { select: { id: true, type: true, seq: true, createdAt: true } },
      log: {
        orderBy: { at: "asc" },
        select: { at: true, status: true, latencyMs: true, responseExcerpt: true, error: true },
      },
    },
  });
  const data = rows.slice(0, limit).map((r) => ({
    ...r,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null,
    event: { id: r.event.id, type: r.event.type, sequence: Number(r.event.seq), timestamp: r.event.createdAt },
  }));
  return { data, nextCursor: rows.length > limit ? (data.at(-1)?.id ?? null) : null };
}
