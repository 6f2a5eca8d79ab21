import { afterEach, describe, expect, it, vi } from "vitest";
import { SingleFlightCache, tokenCacheKey, type Cached } from "@/lib/integrations/maskinporten/cache";

const MINUTE = 60_000;

/** A fetcher that counts calls and resolves only when told to, so callers really overlap. */
function gate(lifetimeMs = 10 * MINUTE) {
  let calls = 0;
  const waiting: ((v: Cached) => void)[] = [];
  const failing: ((e: Error) => void)[] = [];
  const fetch = () => {
    calls++;
    return new Promise<Cached>((resolve, reject) => {
      waiting.push(resolve);
      failing.push(reject);
    });
  };
  return {
    fetch,
    calls: () => calls,
    resolve: (token: string) => waiting.splice(0).forEach((r) => r({ token, expiresAt: Date.now() + lifetimeMs })),
    reject: (e: Error) => failing.splice(0).forEach((r) => r(e)),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("single-flight TTL cache", () => {
  it("tells its observer each decision: one miss, the waiters shared, then hits", async () => {
    const seen: string[] = [];
    const cache = new SingleFlightCache(MINUTE, (outcome, key) => seen.push(`${key}:${outcome}`));
    const g = gate();
    const first = Promise.all([cache.get("k", g.fetch), cache.get("k", g.fetch)]);
    g.resolve("t1");
    await first;
    await cache.get("k", g.fetch);
    expect(seen).toEqual(["k:miss", "k:shared", "k:hit"]);
  });

  it("gives N concurrent callers one fetch and the same token", async () => {
    const cache = new SingleFlightCache();
    const g = gate();
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get("k", g.fetch)));
    g.resolve("t1");
    const got = await all;
    expect(g.calls()).toBe(1);
    expect(new Set(got.map((c) => c.token))).toEqual(new Set(["t1"]));
    await cache.get("k", g.fetch);
    expect(g.calls()).toBe(1);
  });

  it("does not cache a failure: every waiting caller sees it, and the next call fetches again", async () => {
    const cache = new SingleFlightCache();
    const g = gate();
    const all = Promise.allSettled(Array.from({ length: 5 }, () => cache.get("k", g.fetch)));
    g.reject(new Error("MP-303"));
    expect((await all).map((r) => r.status)).toEqual(Array(5).fill("rejected"));
    const next = cache.get("k", g.fetch);
    g.resolve("t2");
    expect((await next).token).toBe("t2");
    expect(g.calls()).toBe(2);
  });

  it("refreshes a margin before expiry, not at expiry", async () => {
    vi.useFakeTimers({ now: new Date("2025-06-01T12:00:00Z") });
    const cache = new SingleFlightCache(MINUTE);
    const g = gate(10 * MINUTE);
    const first = cache.get("k", g.fetch);
    g.resolve("t1");
    await first;
    vi.advanceTimersByTime(9 * MINUTE - 1_000); // 61 s before expiry: still fresh
    expect((await cache.get("k", g.fetch)).token).toBe("t1");
    expect(g.calls()).toBe(1);
    vi.advanceTimersByTime(2_000); // 59 s before expiry: inside the margin
    const second = cache.get("k", g.fetch);
    g.resolve("t2");
    expect((await second).token).toBe("t2");
    expect(g.calls()).toBe(2);
  });

  it("refreshes a token shorter-lived than twice the margin at half its life", async () => {
    vi.useFakeTimers({ now: new Date("2025-06-01T12:00:00Z") });
    const cache = new SingleFlightCache(MINUTE);
    const g = gate(30_000);
    const first = cache.get("k", g.fetch);
    g.resolve("short");
    await first;
    vi.advanceTimersByTime(14_000);
    expect((await cache.get("k", g.fetch)).token).toBe("short");
    vi.advanceTimersByTime(2_000);
    const next = cache.get("k", g.fetch);
    g.resolve("short2");
    expect((await next).token).toBe("short2");
  });

  it("lets clear() win over a fetch already in flight", async () => {
    const cache = new SingleFlightCache();
    const g = gate();
    const old = cache.get("env-a|s", g.fetch);
    cache.clear("env-a|");
    g.resolve("stale");
    await old;
    const next = cache.get("env-a|s", g.fetch);
    g.resolve("fresh");
    expect((await next).token).toBe("fresh");
    expect(g.calls()).toBe(2);
  });

  it("clears one environment's entries and keeps the others", async () => {
    const cache = new SingleFlightCache();
    const g = gate();
    const both = Promise.all([cache.get("env-a|s", g.fetch), cache.get("env-b|s", g.fetch)]);
    g.resolve("t");
    await both;
    cache.clear("env-a|");
    void cache.get("env-a|s", g.fetch);
    await cache.get("env-b|s", g.fetch);
    expect(g.calls()).toBe(3);
  });
});

describe("cache keys", () => {
  it("ignore scope order but separate environments, scopes and system-user contexts", () => {
    const base = tokenCacheKey("env", ["b", "a"]);
    expect(base).toBe(tokenCacheKey("env", ["a", "b"]));
    const keys = [
      base,
      tokenCacheKey("env2", ["a", "b"]),
      tokenCacheKey("env", ["a"]),
      tokenCacheKey("env", ["a", "b"], { orgNo: "310904473" }),
      tokenCacheKey("env", ["a", "b"], { orgNo: "313469999" }),
      tokenCacheKey("env", ["a", "b"], { orgNo: "310904473", externalRef: "x" }),
      tokenCacheKey("env", ["a", "b"], { orgNo: "310904473", externalRef: "y" }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith("env"))).toBe(true);
    expect(tokenCacheKey("env", ["a"], { orgNo: "310904473" }).startsWith("env|")).toBe(true);
  });
});
