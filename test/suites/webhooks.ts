import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EnvironmentView } from "@/lib/environments/types";
import type { EventType } from "@/lib/events/types";
import type { PortalRef } from "../flow-suite";
import { expectAppError } from "../helpers";
import type { Portal } from "../portal";
import { seedEnvironment, uniqueName } from "../seed";
import { until } from "../until";
import { startReceiver, verify, type Receiver } from "../webhook-receiver";

const webhooks = async () => ({
  ...(await import("@/lib/webhooks/endpoints")),
  ...(await import("@/lib/webhooks/secrets")),
  ...(await import("@/lib/webhooks/queries")),
  ...(await import("@/lib/webhooks/replay")),
  ...(await import("@/lib/webhooks/test-event")),
  ...(await import("@/lib/webhooks/deliver")),
});
type W = Awaited<ReturnType<typeof webhooks>>;

// Compressed: three attempts 20 ms apart, so giving up takes a moment instead of a day.
const FAST = [0, 20, 20];

/** An environment of kind "test": no loopback, no plain http (the Local one is the emulator, which allows both). */
async function seedTestEnvironment(p: Portal): Promise<EnvironmentView> {
  const local = p.environment;
  const row = await p.db.environment.create({
    data: {
      slug: uniqueName("hooks"),
      name: "Webhook test environment",
      kind: "test",
      vendorOrgNo: local.vendorOrgNo,
      clientId: randomUUID(),
      scopes: local.scopes,
      maskinportenIssuer: local.maskinportenIssuer,
      maskinportenTokenUrl: local.maskinportenTokenUrl,
      altinnBaseUrl: local.altinnBaseUrl,
      confirmUrlHosts: local.confirmUrlHosts,
    },
    select: { id: true },
  });
  return p.m.environments.loadEnvironmentById(row.id);
}

export function webhookTests(ref: PortalRef) {
  let w: W;
  let receiver: Receiver;
  let testEnv: EnvironmentView;
  const admin = (env?: EnvironmentView) => ref().scope(ref().actors.admin, env);
  const emit = async (
    type: EventType = "request.created",
    data: Record<string, unknown> = {},
    env?: EnvironmentView,
  ) => {
    const { emitEvent } = await import("@/lib/events/emit");
    return ref().db.$transaction((tx) => emitEvent(tx, env?.id ?? ref().environmentId, type, data));
  };
  /** Sends what is due for these endpoints until `done` holds (retries come due while we wait). */
  const deliverUntil = async (endpointIds: string[], done: () => boolean | Promise<boolean>, what: string) =>
    until(
      async () => {
        await w.deliverDueWebhooks({ endpointIds, schedule: FAST, timeoutMs: 2_000 });
        return done();
      },
      what,
      { timeoutMs: 20_000, intervalMs: 20 },
    );
  const status = async (endpointId: string) =>
    Object.fromEntries(
      (await ref().db.webhookDelivery.groupBy({ by: ["status"], where: { endpointId }, _count: { _all: true } })).map(
        (g) => [g.status, g._count._all],
      ),
    );
  const made: string[] = [];
  const create = async (path: string, events: EventType[] = [], env?: EnvironmentView) => {
    const created = await w.createWebhookEndpoint(admin(env), {
      url: `${receiver.url}${path}`,
      description: path,
      events,
    });
    made.push(created.id);
    return created;
  };

  beforeAll(async () => {
    // Another group may have left workers running; their sender would race ours with the real schedule.
    await (await import("@/lib/jobs/worker")).stopWorkers();
    w = await webhooks();
    receiver = await startReceiver();
    testEnv = await seedTestEnvironment(ref());
  });
  afterAll(async () => {
    // The Local environment is shared: later groups' events must not queue up for this group's receiver.
    await ref().db.webhookEndpoint.deleteMany({ where: { id: { in: made } } });
    await receiver?.close();
  });

  it("signs each delivery per Standard Webhooks; a tampered body, another secret or an old timestamp fails", async () => {
    const p = ref();
    receiver.respond(() => ({ status: 200, body: "x".repeat(5000) }));
    const { id, secret } = await create("/signed");
    expect(secret).toMatch(/^whsec_/);
    const event = await emit("request.created", { requestId: "r-1" });
    await deliverUntil([id], () => receiver.received.some((r) => r.path === "/signed"), "the signed delivery");
    const got = receiver.received.filter((r) => r.path === "/signed");
    expect(got).toHaveLength(1);
    const r = got[0]!;
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.id).toBe(event.id);
    expect(verify(secret, r)).toMatchObject({
      id: event.id,
      type: "request.created",
      sequence: Number(event.seq),
      environment: p.environment.slug,
      data: { requestId: "r-1" },
    });
    expect(() => verify(secret, { ...r, body: r.body.replace("r-1", "r-2") })).toThrow(/No matching signature/);
    const other = (await create("/other")).secret;
    expect(() => verify(other, r)).toThrow(/No matching signature/);
    const old = String(Math.floor(Date.now() / 1000) - 600);
    expect(() => verify(secret, { ...r, headers: { ...r.headers, "webhook-timestamp": old } })).toThrow(/too old/);
    // Logged with the answer's first KiB; sent once, and never again.
    const [delivery] = (await w.listWebhookDeliveries(admin(), id)).data;
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, event: { id: event.id } });
    expect(delivery?.log).toHaveLength(1);
    expect(delivery?.log[0]).toMatchObject({ status: 200, error: null });
    expect(delivery?.log[0]?.responseExcerpt?.length).toBe(1024);
    await w.deliverDueWebhooks({ endpointIds: [id] });
    expect(receiver.received.filter((x) => x.path === "/signed")).toHaveLength(1);
  });

  it("rotation: both secrets sign for 24 hours, then the new one alone", async () => {
    const p = ref();
    receiver.respond(() => 204);
    const { id, secret: first } = await create("/rotate");
    const rotated = await w.rotateWebhookSecret(admin(), id);
    expect(rotated.secret).not.toBe(first);
    expect(rotated.previousExpiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(await w.revealWebhookSecret(admin(), id)).toMatchObject({ secret: rotated.secret, previousSecret: first });
    const during = await emit();
    const on = (eventId: string) => receiver.received.find((r) => r.id === eventId && r.path === "/rotate");
    await deliverUntil([id], () => Boolean(on(during.id)), "the delivery during the overlap");
    const both = on(during.id)!;
    expect(both.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(verify(first, both)).toMatchObject({ id: during.id });
    expect(verify(rotated.secret, both)).toMatchObject({ id: during.id });
    // A day later (moved in the row rather than on the clock): the old secret no longer signs.
    await p.db.webhookEndpoint.update({
      where: { id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    const after = await emit();
    await deliverUntil([id], () => Boolean(on(after.id)), "the delivery after the overlap");
    const one = on(after.id)!;
    expect(one.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
    expect(verify(rotated.secret, one)).toMatchObject({ id: after.id });
    expect(() => verify(first, one)).toThrow(/No matching signature/);
    expect(await w.revealWebhookSecret(admin(), id)).toMatchObject({ previousSecret: null });
  });

  it("refuses unsafe targets at registration, with a bokmål and an English explanation", async () => {
    const cases: [string, string, EnvironmentView | undefined][] = [
      ["http://example.com/hook", "webhook_url_https", testEnv],
      ["https://10.0.0.1/hook", "webhook_url_blocked", testEnv],
      ["https://169.254.169.254/latest/meta-data", "webhook_url_blocked", testEnv],
      ["https://[::1]/hook", "webhook_url_blocked", testEnv],
      ["https://[::ffff:127.0.0.1]/hook", "webhook_url_blocked", testEnv],
      ["https://100.64.0.7/hook", "webhook_url_blocked", testEnv],
      ["https://[fd00::1]/hook", "webhook_url_blocked", testEnv],
      // A name that resolves to loopback, outside the emulator environment.
      [`https://localhost:${new URL(receiver.url).port}/hook`, "webhook_url_blocked", testEnv],
      ["https://user:pw@example.com/hook", "webhook_url_credentials", testEnv],
      // The Local emulator environment allows loopback, and plain http to it, but nothing else inside.
      ["http://10.0.0.1/hook", "webhook_url_https", undefined],
      ["https://169.254.169.254/hook", "webhook_url_blocked", undefined],
    ];
    const before = await ref().db.webhookEndpoint.count();
    for (const [url, code, env] of cases) {
      const err = await expectAppError(w.createWebhookEndpoint(admin(env), { url }), code, 400);
      expect(err.userMessage.nb.length, url).toBeGreaterThan(10);
      expect(err.userMessage.en, url).not.toBe(err.userMessage.nb);
    }
    const metadata = await expectAppError(
      w.createWebhookEndpoint(admin(testEnv), { url: "https://169.254.169.254/" }),
      "webhook_url_blocked",
    );
    expect(metadata.userMessage).toEqual({
      nb: expect.stringContaining("link-lokal") as string,
      en: expect.stringContaining("link-local") as string,
    });
    expect(await ref().db.webhookEndpoint.count()).toBe(before);
    await expectAppError(
      w.updateWebhookEndpoint(admin(), (await create("/ok")).id, { url: "https://10.1.2.3/" }),
      "webhook_url_blocked",
    );
  });

  it("checks the address again at delivery (a name now resolving to loopback, a mapped IPv6); a redirect or a timeout fails", async () => {
    const p = ref();
    receiver.respond((r) => (r.path === "/redirect" ? { status: 302, headers: { location: "/target" } } : 200));
    const port = new URL(receiver.url).port;
    // Registered while it pointed somewhere public; its DNS (here: the row) now says loopback.
    const { id } = await w.createWebhookEndpoint(admin(testEnv), { url: "https://93.184.215.14/hook" });
    const seen = receiver.received.length;
    const attempts = async (endpointId: string) => (await w.listWebhookDeliveries(admin(testEnv), endpointId)).data;
    for (const url of [`https://localhost:${port}/hook`, `https://[::ffff:127.0.0.1]:${port}/hook`]) {
      await p.db.webhookEndpoint.update({ where: { id }, data: { url } });
      const event = await emit("request.created", {}, testEnv);
      await w.deliverDueWebhooks({ endpointIds: [id], schedule: FAST });
      const delivery = (await attempts(id)).find((d) => d.event.id === event.id);
      expect(delivery?.log[0]).toMatchObject({ status: null, error: expect.stringMatching(/^blocked: .*loopback/) });
    }
    expect(receiver.received.length).toBe(seen);
    // Redirects are not followed: a 3xx is a failed attempt, and the target never sees the message.
    const redirected = await create("/redirect");
    const event = await emit();
    await w.deliverDueWebhooks({ endpointIds: [redirected.id], schedule: FAST });
    const [d] = (await w.listWebhookDeliveries(admin(), redirected.id)).data;
    expect(d).toMatchObject({ status: "pending", event: { id: event.id } });
    expect(d?.log[0]).toMatchObject({ status: 302, error: "redirect not followed (to /target)" });
    expect(receiver.received.some((r) => r.path === "/target")).toBe(false);
    // No answer within the timeout is a failed attempt too.
    receiver.respond((r) => (r.path === "/slow" ? "hang" : 200));
    const slow = await create("/slow");
    await emit();
    await w.deliverDueWebhooks({ endpointIds: [slow.id], schedule: FAST, timeoutMs: 300 });
    const [timedOut] = (await w.listWebhookDeliveries(admin(), slow.id)).data;
    expect(timedOut).toMatchObject({ status: "pending", attempts: 1 });
    expect(timedOut?.log[0]).toMatchObject({ status: null, error: "timed out after 300 ms" });
    expect(timedOut?.log[0]?.latencyMs).toBeGreaterThanOrEqual(290);
    receiver.respond(() => 200);
  });

  it("a receiver that is down and comes back gets every event, none twice after a 2xx", async () => {
    const { id } = await create("/flaky");
    const mine = () => receiver.received.filter((r) => r.path === "/flaky");
    await receiver.down();
    try {
      const events = [];
      for (const n of [1, 2, 3, 4, 5]) events.push(await emit("request.accepted", { n }));
      await w.deliverDueWebhooks({ endpointIds: [id], schedule: [0, 60_000, 60_000] });
      const refused = await w.listWebhookDeliveries(admin(), id);
      expect(refused.data.map((d) => d.status)).toEqual(Array(5).fill("pending"));
      expect(refused.data[0]?.log[0]).toMatchObject({ status: null, error: "connection refused" });
      // Back, but answering 503 to the first two messages it sees.
      await ref().db.webhookDelivery.updateMany({ where: { endpointId: id }, data: { nextAttemptAt: new Date() } });
      await receiver.up();
      let unavailable = 2;
      receiver.respond(() => (unavailable-- > 0 ? 503 : 200));
      await deliverUntil([id], async () => (await status(id)).succeeded === 5, "all five delivered");
      const ok = receiver.okCounts();
      expect(events.map((e) => ok.get(e.id))).toEqual([1, 1, 1, 1, 1]);
      // The log pages newest first.
      const first = await w.listWebhookDeliveries(admin(), id, { limit: 3 });
      const rest = await w.listWebhookDeliveries(admin(), id, { limit: 3, cursor: first.nextCursor ?? undefined });
      expect(first.data).toHaveLength(3);
      expect(rest).toMatchObject({ nextCursor: null });
      expect([...first.data, ...rest.data].map((d) => d.event.id)).toEqual(events.map((e) => e.id).reverse());
      expect(mine().filter((r) => r.status === 503)).toHaveLength(2);
      const sent = mine().length;
      await w.deliverDueWebhooks({ endpointIds: [id], schedule: FAST });
      expect(mine()).toHaveLength(sent);
    } finally {
      receiver.respond(() => 200);
      await receiver.up();
    }
  });

  it("gives up after the last attempt: the endpoint is failing, new events are held, replay since sends them all", async () => {
    // An environment of its own: background jobs of other groups emit events into the Local one, and
    // "replay since" would rightly count them too.
    const { environment: own } = await seedEnvironment(ref(), "wh-down");
    const { id } = await create("/down", [], own);
    receiver.respond((r) => (r.path === "/down" ? 500 : 200));
    const since = new Date(Date.now() - 1000);
    const a = await emit("request.rejected", { n: "a" }, own);
    await deliverUntil([id], async () => (await status(id)).failed === 1, "giving up");
    const endpoint = await w.getWebhookEndpoint(admin(own), id);
    expect(endpoint.failingSince).toBeInstanceOf(Date);
    expect((await w.listFailingWebhookEndpoints(admin(own))).map((e) => e.id)).toContain(id);
    const [failed] = (await w.listWebhookDeliveries(admin(own), id)).data;
    expect(failed?.log.map((l) => l.status)).toEqual([500, 500, 500]);
    // While failing, new events wait.
    const b = await emit("request.rejected", { n: "b" }, own);
    const c = await emit("request.rejected", { n: "c" }, own);
    expect(await status(id)).toEqual({ failed: 1, held: 2 });
    const tried = receiver.received.length;
    await w.deliverDueWebhooks({ endpointIds: [id], schedule: FAST });
    expect(receiver.received.length).toBe(tried);
    // Fixed: replay everything since before the first.
    receiver.respond(() => 200);
    expect(await w.replayWebhooksSince(admin(own), id, { since })).toEqual({ queued: 3 });
    expect((await w.getWebhookEndpoint(admin(own), id)).failingSince).toBeNull();
    await deliverUntil([id], async () => (await status(id)).succeeded === 3, "the replayed events");
    const ok = receiver.okCounts();
    expect([a, b, c].map((e) => ok.get(e.id))).toEqual([1, 1, 1]);
    // One delivery replayed on purpose goes again (the only way a success is sent twice).
    const delivery = (await w.listWebhookDeliveries(admin(own), id)).data.find((d) => d.event.id === a.id);
    await w.replayWebhookDelivery(admin(own), delivery?.id ?? "");
    await deliverUntil([id], () => receiver.okCounts().get(a.id) === 2, "the replayed delivery");
    expect(await status(id)).toEqual({ succeeded: 3 });
  });

  it("send test event: to that endpoint only, answered at once, and a success makes a failing endpoint healthy", async () => {
    const p = ref();
    const target = await create("/test-target");
    const bystander = await create("/bystander");
    await p.db.webhookEndpoint.update({ where: { id: target.id }, data: { failingSince: new Date() } });
    const seqBefore = (await p.db.environment.findUniqueOrThrow({ where: { id: p.environmentId } })).eventSeq;
    const sent = await w.sendWebhookTestEvent(admin(), target.id);
    expect(sent.outcome).toMatchObject({ ok: true, status: 200 });
    const got = receiver.received.find((r) => r.id === sent.eventId);
    expect(got?.path).toBe("/test-target");
    expect(verify(target.secret, got!)).toMatchObject({ type: "webhook.test", sequence: Number(seqBefore) + 1 });
    expect((await w.getWebhookEndpoint(admin(), target.id)).failingSince).toBeNull();
    expect(await status(bystander.id)).toEqual({});
    // A failed test says why and stays on the retry schedule.
    receiver.respond((r) => (r.path === "/test-target" ? 418 : 200));
    const failed = await w.sendWebhookTestEvent(admin(), target.id);
    expect(failed.outcome).toMatchObject({ ok: false, status: 418, error: "HTTP 418" });
    expect(await status(target.id)).toEqual({ succeeded: 1, pending: 1 });
    receiver.respond(() => 200);
  });

  it("filters by event type; a disabled endpoint gets nothing and its waiting deliveries are held", async () => {
    const { id } = await create("/filtered", ["request.accepted"]);
    await emit("request.created");
    expect(await status(id)).toEqual({});
    await emit("request.accepted");
    expect(await status(id)).toEqual({ pending: 1 });
    const disabled = await w.updateWebhookEndpoint(admin(), id, { enabled: false });
    expect(disabled.enabled).toBe(false);
    expect(await status(id)).toEqual({ held: 1 });
    await emit("request.accepted");
    expect(await status(id)).toEqual({ held: 1 });
    await expectAppError(w.sendWebhookTestEvent(admin(), id), "webhook_endpoint_disabled", 409);
    const enabled = await w.updateWebhookEndpoint(admin(), id, { enabled: true, events: [], description: "all" });
    expect(enabled).toMatchObject({ enabled: true, events: [], description: "all", waiting: { held: 1 } });
    await w.deleteWebhookEndpoint(admin(), id);
    await expectAppError(w.getWebhookEndpoint(admin(), id), "not_found", 404);
  });

  it("only admins manage webhooks; others read; another environment's endpoint is not found", async () => {
    const p = ref();
    const { id } = await create("/roles");
    const audits = await p.db.auditEvent.count({ where: { targetId: id } });
    for (const role of ["operator", "auditor"] as const) {
      const s = p.scope(p.actors[role]);
      await expectAppError(w.createWebhookEndpoint(s, { url: `${receiver.url}/x` }), "forbidden", 403);
      await expectAppError(w.updateWebhookEndpoint(s, id, { enabled: false }), "forbidden", 403);
      await expectAppError(w.deleteWebhookEndpoint(s, id), "forbidden", 403);
      await expectAppError(w.rotateWebhookSecret(s, id), "forbidden", 403);
      await expectAppError(w.revealWebhookSecret(s, id), "forbidden", 403);
      await expectAppError(w.sendWebhookTestEvent(s, id), "forbidden", 403);
      await expectAppError(w.replayWebhooksSince(s, id, { since: new Date() }), "forbidden", 403);
      await expectAppError(w.replayWebhookDelivery(s, randomUUID()), "forbidden", 403);
      expect((await w.listWebhookEndpoints(s)).map((e) => e.id)).toContain(id);
      await expect(w.listWebhookDeliveries(s, id)).resolves.toMatchObject({ data: [] });
    }
    await expectAppError(w.listWebhookEndpoints(p.scope(null)), "forbidden", 403);
    expect(await p.db.auditEvent.count({ where: { targetId: id } })).toBe(audits);
    await expectAppError(w.getWebhookEndpoint(admin(testEnv), id), "not_found", 404);
    await expectAppError(w.deleteWebhookEndpoint(admin(testEnv), id), "not_found", 404);
    await expectAppError(w.revealWebhookSecret(admin(testEnv), id), "not_found", 404);
    expect(await p.db.auditEvent.findFirst({ where: { targetId: id }, orderBy: { seq: "desc" } })).toMatchObject({
      action: "webhook.create",
      actorLabel: p.actors.admin.email,
    });
  });

  it("through the queue: an emitted event reaches the receiver with no one asking", async () => {
    const { startWorkers, stopWorkers } = await import("@/lib/jobs/worker");
    const { stopBoss } = await import("@/lib/core/jobs/boss");
    const { id, secret } = await create("/queued");
    await startWorkers();
    try {
      const event = await emit("systemuser.created", { via: "queue" });
      await until(
        () => receiver.received.some((r) => r.id === event.id && r.path === "/queued"),
        "the queued delivery",
        { timeoutMs: 15_000 },
      );
      const got = receiver.received.find((r) => r.id === event.id && r.path === "/queued");
      expect(verify(secret, got!)).toMatchObject({ data: { via: "queue" } });
      await until(async () => (await status(id)).succeeded === 1, "the delivery marked succeeded");
    } finally {
      await stopWorkers();
      await stopBoss();
    }
  });
}
