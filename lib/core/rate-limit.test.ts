import { describe, expect, it } from "vitest";
import { clientAddress, RateLimiter } from "@/lib/core/rate-limit";

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("rate limiter", () => {
  it("allows a burst up to capacity, then refuses with the seconds until the next token", () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 0.5 }, c.now);
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterS: 2 });
    c.advance(1000);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterS: 1 });
    c.advance(1000);
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take("a").ok).toBe(false);
  });

  it("keeps addresses apart and never refills past capacity", () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1 }, c.now);
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
    c.advance(60_000);
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, false]);
  });

  it("forgets the least recently used keys beyond maxKeys (a fresh bucket is full)", () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 0.001, maxKeys: 2 }, c.now);
    limiter.take("a");
    limiter.take("b");
    limiter.take("c");
    expect(limiter.take("c").ok).toBe(false);
    expect(limiter.take("a").ok).toBe(true);
  });
});

describe("client address", () => {
  const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
  it("uses X-Forwarded-For's first hop only behind a trusted proxy", () => {
    expect(clientAddress(h("203.0.113.7, 10.0.0.1"), true)).toBe("203.0.113.7");
    expect(clientAddress(h("203.0.113.7, 10.0.0.1"), false)).toBe("shared");
    expect(clientAddress(h(), true)).toBe("shared");
    expect(clientAddress(h("x".repeat(100)), true)).toBe("shared");
  });
});
