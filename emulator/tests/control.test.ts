import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { call } from "./control-helpers";
import {
  accessToken,
  api,
  CUSTOMER_ORG,
  json,
  newKey,
  postToken,
  registerClient,
  signGrant,
  start,
  systemBody,
  VENDOR_ORG,
  VENDOR_SCOPES,
} from "./helpers";

const META = "/.well-known/oauth-authorization-server";
const REGISTER = "/authentication/api/v1/systemregister/vendor";
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());
beforeEach(async () => {
  await call(emu.url, "POST", "/emulator/reset");
});

describe("faults", () => {
  it("answers a full outage (errorRate 1) with a 5xx ProblemDetails and Retry-After", async () => {
    const set = await call(emu.url, "POST", "/emulator/faults", {
      path: "/authentication/api/v1/systemregister",
      errorRate: 1,
      status: 503,
      retryAfterS: 2,
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      faults: [
        { path: "/authentication/api/v1/systemregister", latencyMs: 0, errorRate: 1, status: 503, retryAfterS: 2 },
      ],
    });
    const res = await call(emu.url, "GET", REGISTER);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(res.body).toEqual({
      type: "https://tools.ietf.org/html/rfc9110#section-15.6",
      title: "Service Unavailable",
      status: 503,
      detail: "Fault injected by the emulator",
      traceId: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/),
    });
    // A path outside the prefix is untouched (401: no token).
    expect((await call(emu.url, "GET", "/authentication/api/v1/systemuser/vendor/byquery")).status).not.toBe(503);
  });

  it("gives 429 with an empty body and a default Retry-After of 1", async () => {
    await call(emu.url, "POST", "/emulator/faults", { path: META, errorRate: 1, status: 429 });
    const res = await call(emu.url, "GET", META);
    expect(res.status).toBe(429);
    expect(res.body).toBe("");
    expect(res.headers.get("retry-after")).toBe("1");
  });

  it("matches prefixes case-insensitively and lets the longest prefix win", async () => {
    await call(emu.url, "POST", "/emulator/faults", { path: "/AUTHENTICATION", errorRate: 1, status: 500 });
    await call(emu.url, "POST", "/emulator/faults", {
      path: "/authentication/api/v1/systemregister/vendor",
      errorRate: 1,
      status: 502,
    });
    expect((await call(emu.url, "GET", REGISTER)).status).toBe(502);
    expect((await call(emu.url, "GET", "/authentication/api/v1/systemuser/vendor/byquery")).status).toBe(500);
    expect((await call(emu.url, "GET", META)).status).toBe(200);
  });

  it("adds latency without errors when errorRate is 0", async () => {
    await call(emu.url, "POST", "/emulator/faults", { path: META, latencyMs: 150 });
    const started = Date.now();
    const res = await call(emu.url, "GET", META);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("draws a reproducible error pattern from a seed", async () => {
    const pattern = async () => {
      await call(emu.url, "POST", "/emulator/faults", { path: META, errorRate: 0.5, status: 503, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await call(emu.url, "GET", META)).status);
      return statuses;
    };
    const first = await pattern();
    const second = await pattern();
    expect(second).toEqual(first);
    const failures = first.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(first.filter((s) => s !== 503 && s !== 200)).toEqual([]);
  });

  it("never faults the control paths", async () => {
    await call(emu.url, "POST", "/emulator/faults", { path: "/", errorRate: 1, status: 503 });
    expect((await call(emu.url, "GET", "/emulator/health")).status).toBe(200);
    expect((await call(emu.url, "GET", "/jwk")).status).toBe(503);
    expect((await call(emu.url, "DELETE", "/emulator/faults")).body).toEqual({ faults: [] });
    expect((await call(emu.url, "GET", "/jwk")).status).toBe(200);
  });

  it("lists, replaces and deletes faults by path", async () => {
    await call(emu.url, "POST", "/emulator/faults", { path: "/jwk", errorRate: 1 });
    await call(emu.url, "POST", "/emulator/faults", { path: META, latencyMs: 5 });
    await call(emu.url, "POST", "/emulator/faults", { path: "/JWK", errorRate: 0.5, status: 429 });
    expect((await call(emu.url, "GET", "/emulator/faults")).body).toEqual({
      faults: [
        { path: META, latencyMs: 5, errorRate: 0, status: 503 },
        { path: "/JWK", latencyMs: 0, errorRate: 0.5, status: 429 },
      ],
    });
    const removed = await call(emu.url, "DELETE", "/emulator/faults?path=%2Fjwk");
    expect(removed.body).toEqual({ faults: [{ path: META, latencyMs: 5, errorRate: 0, status: 503 }] });
    expect((await call(emu.url, "DELETE", "/emulator/faults?path=%2Fnone")).status).toBe(404);
  });

  it("rejects invalid fault bodies with 400 {error}", async () => {
    for (const body of [
      { path: "no-slash" },
      { path: "/x", errorRate: 2 },
      { path: "/x", status: 200 },
      { path: "/x", extra: 1 },
      {},
    ]) {
      const res = await call(emu.url, "POST", "/emulator/faults", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ error: expect.any(String) });
    }
    const bad = await fetch(`${emu.url}/emulator/faults`, { method: "POST", body: "{" });
    expect(await bad.json()).toEqual({ error: "Body is not valid JSON" });
  });
});

describe("clock", () => {
  it("advances by days and ms, reports now and resets", async () => {
    const before = Date.now();
    const moved = await call(emu.url, "POST", "/emulator/clock", { advanceDays: 28 });
    expect(moved.status).toBe(200);
    const body = moved.body as { now: string; offsetMs: number };
    expect(body.offsetMs).toBe(28 * 86_400_000);
    expect(Date.parse(body.now) - before).toBeGreaterThanOrEqual(28 * 86_400_000);
    expect(Date.parse(body.now) - before).toBeLessThan(28 * 86_400_000 + 5_000);
    expect(emu.emulator.now().getTime() - Date.now()).toBeGreaterThanOrEqual(28 * 86_400_000 - 50);
    expect(
      ((await call(emu.url, "POST", "/emulator/clock", { advanceMs: 1500 })).body as { offsetMs: number }).offsetMs,
    ).toBe(28 * 86_400_000 + 1500);
    expect(((await call(emu.url, "GET", "/emulator/clock")).body as { offsetMs: number }).offsetMs).toBe(
      28 * 86_400_000 + 1500,
    );
    expect(
      ((await call(emu.url, "POST", "/emulator/clock", { reset: true })).body as { offsetMs: number }).offsetMs,
    ).toBe(0);
    expect((await call(emu.url, "POST", "/emulator/clock", {})).status).toBe(400);
    expect((await call(emu.url, "POST", "/emulator/clock", { advanceDays: "1" })).status).toBe(400);
  });
});

describe("clock effects", () => {
  it("lets the 28-day archiver remove a request once the clock moves past it", async () => {
    const client = await registerClient(emu.url, await newKey());
    const token = await accessToken(emu.url, client);
    expect(
      (await api(emu.url, token, "POST", "/systemregister/vendor", systemBody(`${VENDOR_ORG}_clock`))).status,
    ).toBe(200);
    const created = await json(
      await api(emu.url, token, "POST", "/systemuser/request/vendor", {
        systemId: `${VENDOR_ORG}_clock`,
        partyOrgNo: CUSTOMER_ORG,
        accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
      }),
    );
    // Grants must carry the emulated time: Maskinporten checks iat against the emulator's clock.
    const tokenAtEmulatedNow = async () => {
      const now = Math.floor(emu.emulator.now().getTime() / 1000);
      const grant = await signGrant(emu.url, client, VENDOR_SCOPES.join(" "), { claims: { iat: now, exp: now + 60 } });
      return String((await json(await postToken(emu.url, grant))).access_token);
    };
    await call(emu.url, "POST", "/emulator/clock", { advanceDays: 27 });
    expect(
      (await api(emu.url, await tokenAtEmulatedNow(), "GET", `/systemuser/request/vendor/${String(created.id)}`))
        .status,
    ).toBe(200);
    await call(emu.url, "POST", "/emulator/clock", { advanceDays: 2 });
    const later = await tokenAtEmulatedNow();
    const gone = await api(emu.url, later, "GET", `/systemuser/request/vendor/${String(created.id)}`);
    expect(gone.status).toBe(404);
    expect((await json(gone)).code).toBe("AUTH-00010");
  });
});

describe("stats and reset", () => {
  it("counts calls per route pattern and status, zeroes them and clears controls on reset", async () => {
    await accessToken(emu.url, await registerClient(emu.url, await newKey()));
    expect(((await call(emu.url, "GET", "/emulator/stats")).body as Record<string, unknown>).tokenGrants).toBe(1);
    expect((await call(emu.url, "DELETE", "/emulator/stats")).body).toEqual({ ok: true });
    await call(emu.url, "GET", META);
    await call(emu.url, "GET", META);
    await call(emu.url, "GET", REGISTER);
    const stats = (await call(emu.url, "GET", "/emulator/stats")).body as Record<string, unknown>;
    expect(stats.tokenGrants).toBe(0);
    expect(stats.systemUsers).toBe(0);
    expect(stats.calls).toEqual({
      "DELETE /emulator/stats": { "200": 1 },
      [`GET ${META}`]: { "200": 2 },
      "GET /authentication/api/v1/systemregister/vendor": { "401": 1 },
    });

    await call(emu.url, "POST", "/emulator/faults", { path: "/jwk", errorRate: 1 });
    await call(emu.url, "POST", "/emulator/clock", { advanceDays: 3 });
    await call(emu.url, "POST", "/emulator/reset");
    const after = (await call(emu.url, "GET", "/emulator/stats")).body as Record<string, unknown>;
    expect(after.calls).toEqual({ "POST /emulator/reset": { "200": 1 } });
    expect((await call(emu.url, "GET", "/emulator/faults")).body).toEqual({ faults: [] });
    expect(((await call(emu.url, "GET", "/emulator/clock")).body as { offsetMs: number }).offsetMs).toBe(0);
  });
});
