import { beforeAll, describe, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { apiOrgs, callApi, createKey, operations, type Ops } from "../api-client";
import { emulatorCallCount } from "../emulator-controls";
import { addOrganisations } from "../helpers";
import { seedEnvironment, seedRequest, seedSystem, type SeededSystem } from "../seed";
import { apiDocumentTests } from "./api-document";
import { apiLifecycleTests } from "./api-lifecycle";
import { apiResourceTests } from "./api-resources";

const CREATE_STATS = "POST /authentication/api/v1/systemuser/request/vendor";
const ALL = [
  "systems:read",
  "systems:write",
  "customers:read",
  "customers:write",
  "requests:read",
  "requests:write",
] as const;

/** The vendor API over HTTP semantics: keys, scopes, rate limits, validation, idempotency, environments. */
export function apiTests(ref: PortalRef) {
  describe("transport", () => apiTransportTests(ref));
  describe("resources", () => apiResourceTests(ref));
  describe("a request's life", () => apiLifecycleTests(ref));
  describe("OpenAPI document", () => apiDocumentTests(ref));
}

function apiTransportTests(ref: PortalRef) {
  const s = { ops: {} as Ops, key: "", system: {} as SeededSystem };

  beforeAll(async () => {
    const p = ref();
    s.ops = await operations();
    s.system = await seedSystem(p, { prefix: "api" });
    s.key = (await createKey(p.environment, { name: "erp", scopes: [...ALL] })).secret;
  });

  it("creates a request: 201 with the confirmUrl; asking again answers 200 with the same request", async () => {
    const p = ref();
    const orgNo = apiOrgs.one();
    await addOrganisations(p, [orgNo]);
    const body = { systemId: s.system.systemId, orgNo };
    const first = await callApi(s.ops.createRequestOp, { key: s.key, path: "/requests", body });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(first.json).toMatchObject({
      status: "New",
      orgNo,
      systemId: s.system.id,
      kind: "standard",
      deletedAt: null,
    });
    expect(String(first.json.confirmUrl)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(first.headers.get("location")).toBe(`http://127.0.0.1:3999/api/v1/requests/${String(first.json.id)}`);
    expect(first.headers.get("ratelimit-limit")).toBeTruthy();

    const again = await callApi(s.ops.createRequestOp, { key: s.key, path: "/requests", body });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    expect(await p.db.systemUserRequest.count({ where: { customer: { orgNo } } })).toBe(1);
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "request.create", targetId: String(first.json.id) },
    });
    expect(audit).toMatchObject({ actorType: "api_key", outcome: "success" });
  });

  it("Idempotency-Key: the same key and body replay the answer with one request at Altinn; another body is 422", async () => {
    const p = ref();
    const [orgNo = "", other = ""] = apiOrgs.take(2);
    await addOrganisations(p, [orgNo, other]);
    const headers = { "idempotency-key": `order-${orgNo}` };
    const body = { systemId: s.system.id, orgNo };
    const before = await emulatorCallCount(p, CREATE_STATS);
    const first = await callApi(s.ops.createRequestOp, { key: s.key, path: "/requests", body, headers });
    const replay = await callApi(s.ops.createRequestOp, { key: s.key, path: "/requests", body, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json).toEqual(first.json);
    expect(await emulatorCallCount(p, CREATE_STATS)).toBe(before + 1);

    const reused = await callApi(s.ops.createRequestOp, {
      key: s.key,
      path: "/requests",
      body: { ...body, orgNo: other },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.json).toMatchObject({ code: "idempotency_key_reused", status: 422 });
    expect(reused.headers.get("content-type")).toBe("application/problem+json");
    expect(await emulatorCallCount(p, CREATE_STATS)).toBe(before + 1);
  });

  it("refuses an invalid body with 400, each field's path, and messages in the caller's language", async () => {
    const bad = { systemId: "", orgNo: "123456789", kind: "premium", redirectUrl: "not a url" };
    const nb = await callApi(s.ops.createRequestOp, {
      key: s.key,
      path: "/requests",
      body: bad,
      headers: { "accept-language": "nb-NO,nb;q=0.9,en;q=0.5" },
    });
    expect(nb.status).toBe(400);
    expect(nb.json).toMatchObject({
      code: "invalid_request",
      detail: "Forespørselen har ugyldige felt.",
      messages: { nb: "Forespørselen har ugyldige felt.", en: "The request has invalid fields." },
      type: "http://127.0.0.1:3999/api-docs#problem-invalid_request",
    });
    const errors = nb.json.errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual(["body.kind", "body.orgNo", "body.redirectUrl", "body.systemId"]);
    expect(errors.find((e) => e.path === "body.orgNo")?.message).toBe(
      "Organisasjonsnummeret er ikke gyldig (kontrollsifferet stemmer ikke).",
    );
    const en = await callApi(s.ops.createRequestOp, { key: s.key, path: "/requests", body: bad });
    expect(en.json.detail).toBe("The request has invalid fields.");
    expect(
      (en.json.errors as { path: string; message: string }[]).find((e) => e.path === "body.orgNo")?.message,
    ).toMatch(/check digit/);

    const notJson = await callApi(s.ops.createRequestOp, { key: s.key, path: "/requests", rawBody: "{" });
    expect(notJson.json).toMatchObject({ status: 400, code: "invalid_json" });
    const badCursor = await callApi(s.ops.listRequestsOp, { key: s.key, path: "/requests?cursor=garbage" });
    expect(badCursor.json).toMatchObject({ status: 400, code: "invalid_cursor" });
  });

  it("answers 401 for no key, an unknown one, a revoked one (audited) and an expired one", async () => {
    const p = ref();
    const list = (key: string | null) => callApi(s.ops.listSystemsOp, { key, path: "/systems" });
    const none = await list(null);
    expect(none.status).toBe(401);
    expect(none.json.code).toBe("unauthenticated");
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await list("not-a-key")).json.code).toBe("invalid_api_key");
    expect((await list(`sbp_test_${"A".repeat(40)}`)).json.code).toBe("invalid_api_key");

    const revoked = await createKey(p.environment, { name: "old erp", scopes: ["systems:read"] });
    expect((await list(revoked.secret)).status).toBe(200);
    const { revokeApiKey } = await import("@/lib/apikeys/write");
    await revokeApiKey(p.scope(p.actors.admin), revoked.id);
    const refused = await list(revoked.secret);
    expect(refused.status).toBe(401);
    expect(refused.json.code).toBe("api_key_revoked");
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "apikey.use", targetId: revoked.id, outcome: "failure" },
    });
    expect(audit).toMatchObject({ outcome: "failure", actorType: "api_key" });
    expect(audit.detail).toMatchObject({ reason: "revoked" });

    const expiring = await createKey(p.environment, { name: "trial", scopes: ["systems:read"], expiresInDays: 1 });
    await p.db.apiKey.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await list(expiring.secret);
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe("api_key_expired");
  });

  it("answers 403 insufficient_scope for an operation the key's scopes do not cover, doing nothing", async () => {
    const p = ref();
    const reader = await createKey(p.environment, { name: "reader", scopes: ["systems:read", "requests:read"] });
    const before = await p.db.systemUserRequest.count();
    const refused = await callApi(s.ops.createRequestOp, {
      key: reader.secret,
      path: "/requests",
      body: { systemId: s.system.id, orgNo: apiOrgs.one() },
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({
      code: "insufficient_scope",
      errors: [{ path: "scope", message: "requests:write" }],
    });
    expect(await p.db.systemUserRequest.count()).toBe(before);
    expect((await callApi(s.ops.listCustomersOp, { key: reader.secret, path: "/customers" })).status).toBe(403);
  });

  it("keeps environments apart: a key of environment B neither sees nor touches A's request (404)", async () => {
    const p = ref();
    const orgNo = apiOrgs.one();
    const request = await seedRequest(p, { system: s.system, orgNo });
    const { environment: b } = await seedEnvironment(p, "api-b");
    const keyB = (await createKey(b, { name: "b", scopes: [...ALL] })).secret;
    const params = { id: request.id };
    const notFound = async (answer: Promise<{ status: number; json: Record<string, unknown> }>) => {
      const r = await answer;
      expect(r.status, JSON.stringify(r.json)).toBe(404);
      expect(r.json.code).toBe("not_found");
    };
    await notFound(callApi(s.ops.getRequestOp, { key: keyB, path: `/requests/${request.id}`, params }));
    await notFound(callApi(s.ops.withdrawRequestOp, { key: keyB, path: `/requests/${request.id}`, params }));
    await notFound(callApi(s.ops.renewRequestOp, { key: keyB, path: `/requests/${request.id}/renew`, params }));
    await notFound(callApi(s.ops.getSystemOp, { key: keyB, path: "/systems/x", params: { id: s.system.systemId } }));
    await notFound(callApi(s.ops.getCustomerOp, { key: keyB, path: `/customers/${orgNo}`, params: { id: orgNo } }));
    await notFound(
      callApi(s.ops.createRequestOp, { key: keyB, path: "/requests", body: { systemId: s.system.id, orgNo } }),
    );
    const listed = await callApi(s.ops.listRequestsOp, { key: keyB, path: "/requests?limit=100" });
    expect(listed.json.data).toEqual([]);
    const still = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(still.status).toBe("New");
    expect(await p.db.requestEvent.count({ where: { requestId: request.id, kind: "deleted" } })).toBe(0);
  });

  it("rate-limits per key: 429 with Retry-After and RateLimit headers once the minute's calls are spent", async () => {
    const p = ref();
    const { secret } = await createKey(p.environment, { name: "burst", scopes: ["systems:read"], rateLimit: 3 });
    const list = () => callApi(s.ops.listSystemsOp, { key: secret, path: "/systems?limit=1" });
    const answers = [await list(), await list(), await list()];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0"]);
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-policy")).toBe('"default";q=3;w=60');
    expect(limited.headers.get("ratelimit")).toMatch(/^"default";r=0;t=\d+$/);
    // Another key is not held back by this one's spending.
    expect((await callApi(s.ops.listSystemsOp, { key: s.key, path: "/systems?limit=1" })).status).toBe(200);
  });
}
