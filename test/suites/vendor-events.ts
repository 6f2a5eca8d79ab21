import { afterAll, beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorStats } from "../emulator-api";
import { addOrganisations, editOf, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedCustomer, seedEnvironment, seedRequest, seedSystem, type SeededSystem } from "../seed";
import { LOCAL_ENVIRONMENT } from "@/lib/environments/local";
import { callApi, createKey, operations } from "../api-client";

// APPROVED and REJECTED answer their requests; NO_USER is a customer with no system user; STRANGER is
// unknown to the portal.
const [APPROVED = "", REJECTED = "", NO_USER = "", STRANGER = ""] = orgNumbers(4, ORG_BLOCKS.vendorEvents);
const JWT = /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/;

type Ev = { seq: bigint; type: string; data: unknown };
const requestOf = (e: Ev) =>
  (e.data as { request: { id: string; status: string; systemUserId: string | null } }).request;

export function vendorEventTests(ref: PortalRef) {
  let system: SeededSystem;
  const eventsAfter = (p: Portal, seq: bigint, environmentId = p.environmentId) =>
    p.db.vendorEvent.findMany({ where: { environmentId, seq: { gt: seq } }, orderBy: { seq: "asc" } });
  const lastSeq = async (p: Portal, environmentId = p.environmentId) =>
    (await p.db.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { eventSeq: true } })).eventSeq;

  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [APPROVED, REJECTED, NO_USER]);
    // Tokens name the system that holds the environment's client; given back in afterAll.
    system = await seedSystem(p, { prefix: "events", clientIds: [LOCAL_ENVIRONMENT.clientId] });
  });

  afterAll(async () => {
    const p = ref();
    const { updateSystem } = await import("@/lib/systems/edit");
    const row = await p.db.system.findUniqueOrThrow({ where: { id: system.id } });
    await updateSystem(p.scope(p.actors.admin), { ...editOf(row), clientIds: [] });
  });

  it("a request the customer approves gives request.created, request.accepted and systemuser.created, numbered in order", async () => {
    const p = ref();
    const before = await lastSeq(p);
    const seeded = await seedRequest(p, { system, orgNo: APPROVED, outcome: "approved" });
    const events = (await eventsAfter(p, before)).filter((e) => JSON.stringify(e.data).includes(seeded.customer.orgNo));
    expect(events.map((e) => e.type)).toEqual(["request.created", "request.accepted", "systemuser.created"]);
    expect(events.map((e) => requestOf(e)?.id ?? null).slice(0, 2)).toEqual([seeded.id, seeded.id]);
    // The accepted event carries the request as it is after the change: the system user is already linked.
    expect(requestOf(events[1]!)).toMatchObject({ status: "Accepted", systemUserId: seeded.altinnSystemUserId });
    expect(events[2]!.data).toMatchObject({
      systemUser: { id: seeded.altinnSystemUserId, orgNo: APPROVED, systemId: system.id, requestId: seeded.id },
    });
    const seqs = events.map((e) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(3);

    // Refreshing again changes nothing, so nothing new is said (no second systemuser.created). Other
    // groups' background jobs may emit meanwhile: only this customer's events count.
    const after = await lastSeq(p);
    await p.m.requests.refreshRequest(p.scope(p.actors.operator), seeded.id);
    expect((await eventsAfter(p, after)).filter((e) => JSON.stringify(e.data).includes(APPROVED))).toEqual([]);
  });

  it("a rejection gives request.rejected, and the feed pages by sequence without gaps or repeats", async () => {
    const p = ref();
    const before = await lastSeq(p);
    const seeded = await seedRequest(p, { system, orgNo: REJECTED, outcome: "rejected" });
    const types = (await eventsAfter(p, before))
      .filter((e) => JSON.stringify(e.data).includes(REJECTED))
      .map((e) => [e.type, requestOf(e)?.id]);
    expect(types).toEqual([
      ["request.created", seeded.id],
      ["request.rejected", seeded.id],
    ]);
    const { listEvents } = await import("@/lib/events/queries");
    const scope = p.scope(p.actors.auditor);
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = await listEvents(scope, { after, limit: 2 });
      seen.push(...page.data.map((e) => e.sequence));
      if (!page.hasMore) break;
      after = page.data.at(-1)!.sequence;
    }
    // Every number from 1, once, in order (background jobs may add more while we page: never a gap).
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    expect(seen.length).toBeGreaterThanOrEqual(Number(before) + 2);
  });

  it("an event belongs to its change: a rolled-back transaction leaves neither event nor sequence number", async () => {
    const p = ref();
    const { emitEvent } = await import("@/lib/events/emit");
    // An environment of its own: no other group's background job emits into it meanwhile.
    const { environment } = await seedEnvironment(p, "rollback");
    await expect(
      p.db.$transaction(async (tx) => {
        await emitEvent(tx, environment.id, "webhook.test", { note: "rolled back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await lastSeq(p, environment.id)).toBe(0n);
    expect(await eventsAfter(p, 0n, environment.id)).toEqual([]);
  });

  it("sequences are per environment, and another environment's events are not in this one's feed", async () => {
    const p = ref();
    const { environment } = await seedEnvironment(p, "events");
    const { emitEvent } = await import("@/lib/events/emit");
    await p.db.$transaction((tx) => emitEvent(tx, environment.id, "webhook.test", {}));
    const theirs = await eventsAfter(p, 0n, environment.id);
    expect(theirs.map((e) => Number(e.seq))).toEqual([1]);
    const { listEvents } = await import("@/lib/events/queries");
    const ours = await listEvents(p.scope(p.actors.auditor), { after: 0, limit: 500 });
    expect(ours.data.map((e) => e.id)).not.toContain(theirs[0]!.id);
  });

  it("key.expiring is announced once per level as a key nears its end", async () => {
    const p = ref();
    const { environment, kid } = await seedEnvironment(p, "expiry");
    const key = await p.db.signingKey.findUniqueOrThrow({ where: { kid } });
    const { emitKeyExpiryEvents } = await import("@/lib/keys/expiring.job");
    const at = (daysBefore: number) => new Date(key.expiresAt.getTime() - daysBefore * 86_400_000);
    await emitKeyExpiryEvents(at(60));
    await emitKeyExpiryEvents(at(20));
    await emitKeyExpiryEvents(at(19));
    await emitKeyExpiryEvents(at(5));
    await emitKeyExpiryEvents(at(5));
    const events = await eventsAfter(p, 0n, environment.id);
    expect(events.map((e) => [e.type, (e.data as { level: string }).level])).toEqual([
      ["key.expiring", "warning"],
      ["key.expiring", "critical"],
    ]);
    expect(events[1]!.data).toMatchObject({ key: { kid, daysLeft: 5 } });
  });

  it("the token broker hands out the customer's system-user token from the cache, and the Altinn token on request", async () => {
    const p = ref();
    const { issueSystemUserToken } = await import("@/lib/tokens/broker");
    const key = await apiKeyActor(p, ["tokens:issue"]);
    p.m.tokens.clearTokenCache(p.environmentId);
    const grantsBefore = (await emulatorStats(p.emulatorUrl)).tokenGrants;
    const calls = await Promise.all(
      Array.from({ length: 50 }, () =>
        issueSystemUserToken(p.scope(key), { systemId: system.systemId, orgNo: APPROVED, altinn: false }),
      ),
    );
    expect((await emulatorStats(p.emulatorUrl)).tokenGrants - grantsBefore).toBe(1);
    expect(new Set(calls.map((c) => c.accessToken)).size).toBe(1);
    expect(calls[0]).toMatchObject({
      tokenType: "Bearer",
      issuer: "maskinporten",
      orgNo: APPROVED,
      systemId: system.id,
    });
    expect(calls[0]!.accessToken).toMatch(JWT);
    expect(calls[0]!.expiresIn).toBeGreaterThan(60);

    const altinn = await issueSystemUserToken(p.scope(key), { systemId: system.id, orgNo: APPROVED, altinn: true });
    expect(altinn.issuer).toBe("altinn");
    expect(altinn.accessToken).toMatch(JWT);
    expect(altinn.accessToken).not.toBe(calls[0]!.accessToken);

    // The token is nowhere in what the portal keeps.
    const kept = JSON.stringify(
      [
        await p.db.outboundCall.findMany({ where: { environmentId: p.environmentId } }),
        await p.db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 50 }),
      ],
      (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v),
    );
    expect(kept).not.toContain(calls[0]!.accessToken.slice(-20));
  });

  it("a customer without a system user gets a problem that says why, not a bare refusal", async () => {
    const p = ref();
    const { issueSystemUserToken } = await import("@/lib/tokens/broker");
    const key = await apiKeyActor(p, ["tokens:issue"]);
    await seedCustomer(p, { orgNo: NO_USER });
    const noUser = await expectAppError(
      issueSystemUserToken(p.scope(key), { systemId: system.id, orgNo: NO_USER, altinn: false }),
      "no_system_user",
      409,
    );
    expect(noUser.extra).toMatchObject({ diagnosis: { cause: "no_system_user" } });
    const stranger = await expectAppError(
      issueSystemUserToken(p.scope(key), { systemId: system.id, orgNo: STRANGER, altinn: false }),
      "no_system_user",
      409,
    );
    expect(stranger.extra).toMatchObject({ diagnosis: { cause: "no_customer" } });
    await expectAppError(
      issueSystemUserToken(p.scope(key), {
        systemId: system.id,
        orgNo: APPROVED,
        scopes: ["evil:scope"],
        altinn: false,
      }),
      "scope_not_allowed",
      400,
    );
    // Only keys given tokens:issue (and admins) get tokens: a token acts as the customer.
    const reader = await apiKeyActor(p, ["requests:read"]);
    for (const actor of [reader, p.actors.operator]) {
      await expectAppError(
        issueSystemUserToken(p.scope(actor), { systemId: system.id, orgNo: APPROVED, altinn: false }),
        "forbidden",
        403,
      );
    }
  });

  vendorEventApiTests(ref, () => system);
}

/** Over HTTP: what an API client sees of the broker and of webhook endpoints. */
export function vendorEventApiTests(ref: PortalRef, system: () => SeededSystem) {
  it("POST /tokens: 200 with no-store for a customer with a system user; 409 with a diagnosis, 403 without the scope", async () => {
    const p = ref();
    const ops = await operations();
    const { secret } = await createKey(p.environment, { name: "broker", scopes: ["tokens:issue"] });
    const ok = await callApi(ops.issueTokenOp, {
      key: secret,
      path: "/tokens",
      body: { systemId: system().systemId, orgNo: APPROVED },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(ok.json).toMatchObject({ tokenType: "Bearer", issuer: "maskinporten", orgNo: APPROVED });
    const none = await callApi(ops.issueTokenOp, {
      key: secret,
      path: "/tokens",
      body: { systemId: system().id, orgNo: NO_USER },
      headers: { "accept-language": "nb" },
    });
    expect(none.status).toBe(409);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.json).toMatchObject({ code: "no_system_user", status: 409, diagnosis: { cause: "no_system_user" } });
    expect(String(none.json.detail)).toContain(NO_USER);
    const reader = await createKey(p.environment, { name: "reader", scopes: ["requests:read"] });
    const refused = await callApi(ops.issueTokenOp, {
      key: reader.secret,
      path: "/tokens",
      body: { systemId: system().id, orgNo: APPROVED },
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: "insufficient_scope" });
  });

  it("webhook endpoints: registered with a whsec_ secret, refused for a private address, listed and deleted", async () => {
    const p = ref();
    const ops = await operations();
    const { secret } = await createKey(p.environment, { name: "hooks", scopes: ["webhooks:write"] });
    const made = await callApi(ops.createWebhookEndpointOp, {
      key: secret,
      path: "/webhook-endpoints",
      body: { url: "http://127.0.0.1:9/hooks", events: ["request.accepted"] },
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ url: "http://127.0.0.1:9/hooks", secret: expect.stringMatching(/^whsec_/) });
    const id = String(made.json.id);
    const blocked = await callApi(ops.createWebhookEndpointOp, {
      key: secret,
      path: "/webhook-endpoints",
      body: { url: "https://169.254.169.254/latest" },
    });
    expect(blocked.status).toBe(400);
    expect(blocked.json).toMatchObject({ code: "webhook_url_blocked" });
    const listed = await callApi(ops.listWebhookEndpointsOp, { key: secret, path: "/webhook-endpoints" });
    expect((listed.json.data as { id: string; events: string[] }[]).find((e) => e.id === id)).toMatchObject({
      events: ["request.accepted"],
      enabled: true,
    });
    const gone = await callApi(ops.deleteWebhookEndpointOp, {
      key: secret,
      path: `/webhook-endpoints/${id}`,
      params: { id },
    });
    expect(gone.status).toBe(204);
    const after = await callApi(ops.getWebhookEndpointOp, {
      key: secret,
      path: `/webhook-endpoints/${id}`,
      params: { id },
    });
    expect(after.status).toBe(404);
  });
}

/** An API key's actor, as the API wrapper resolves it. */
async function apiKeyActor(p: Portal, scopes: string[]) {
  const { createApiKeyFromCli } = await import("@/lib/apikeys/write");
  const { authenticateApiKey } = await import("@/lib/apikeys/authenticate");
  const created = await createApiKeyFromCli(p.environment, {
    name: `test ${scopes.join(" ")}`,
    scopes: scopes as never,
  });
  const auth = await authenticateApiKey(`Bearer ${created.secret}`);
  if (typeof auth === "string") throw new Error(`key refused: ${auth}`);
  return auth.actor;
}
