import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";

// The limiter instances of one process live in globalThis.portalLimiters; dropping them is what a second
// portal process looks like (no shared memory), while the database stays the same.
const forgetProcessState = () => (globalThis as { portalLimiters?: Map<string, unknown> }).portalLimiters?.clear();

export function limitTests(ref: PortalRef) {
  const rule = { points: 3, durationS: 60 };

  it("counts one window across processes: a second process does not get the rate again", async () => {
    ref();
    const { consumeLimit } = await import("@/lib/core/limits");
    const key = `client-${randomBytes(4).toString("hex")}`;
    expect((await consumeLimit("test-shared", rule, key)).ok).toBe(true);
    expect((await consumeLimit("test-shared", rule, key)).ok).toBe(true);
    forgetProcessState();
    const third = await consumeLimit("test-shared", rule, key);
    expect(third).toMatchObject({ ok: true, remaining: 0, retryAfterS: 0 });
    expect(third.resetS).toBeGreaterThan(0);
    forgetProcessState();
    const fourth = await consumeLimit("test-shared", rule, key);
    expect(fourth.ok).toBe(false);
    expect(fourth.retryAfterS).toBeGreaterThan(0);
    expect(fourth.retryAfterS).toBeLessThanOrEqual(60);
    // Another key and another limit name have windows of their own.
    expect((await consumeLimit("test-shared", rule, `${key}-other`)).ok).toBe(true);
    expect((await consumeLimit("test-other", rule, key)).ok).toBe(true);
  });

  it("peeks without using points, blocks for blockS, and forgets a key on reset", async () => {
    ref();
    const { consumeLimit, peekLimit, resetLimit } = await import("@/lib/core/limits");
    const blocking = { points: 2, durationS: 5, blockS: 600 };
    const key = `account-${randomBytes(4).toString("hex")}`;
    expect(await peekLimit("test-block", blocking, key)).toEqual({ ok: true, remaining: 2, retryAfterS: 0, resetS: 0 });
    await consumeLimit("test-block", blocking, key);
    await consumeLimit("test-block", blocking, key);
    expect((await peekLimit("test-block", blocking, key)).ok).toBe(false);
    const over = await consumeLimit("test-block", blocking, key);
    expect(over.ok).toBe(false);
    // Blocked for the block time, far beyond the 5 s window.
    expect(over.retryAfterS).toBeGreaterThan(500);
    await resetLimit("test-block", blocking, key);
    expect((await consumeLimit("test-block", blocking, key)).ok).toBe(true);
  });

  it("reads a refusal from another copy of the library as a refusal, not an error (a 500 in CI once)", async () => {
    ref();
    const { consumeLimit } = await import("@/lib/core/limits");
    // A limiter cached by a route bundled with its own copy rejects with a RateLimiterRes of another class.
    const foreign = { remainingPoints: 0, msBeforeNext: 42_000, consumedPoints: 4, isFirstInDuration: false };
    const limiters = (globalThis as { portalLimiters?: Map<string, unknown> }).portalLimiters!;
    limiters.set("test-foreign/3/60/0", { consume: () => Promise.reject(foreign) });
    try {
      expect(await consumeLimit("test-foreign", rule, "k")).toEqual({
        ok: false,
        remaining: 0,
        retryAfterS: 42,
        resetS: 42,
      });
      limiters.set("test-foreign/3/60/0", { consume: () => Promise.reject(new Error("store broken")) });
      await expect(consumeLimit("test-foreign", rule, "k")).rejects.toThrow("store broken");
    } finally {
      limiters.delete("test-foreign/3/60/0");
    }
  });

  it("keeps long keys bounded: whatever a client sends fits the table", async () => {
    const p = ref();
    const { consumeLimit } = await import("@/lib/core/limits");
    const key = `${"x".repeat(5000)}${randomBytes(4).toString("hex")}`;
    expect((await consumeLimit("test-long", rule, key)).ok).toBe(true);
    const rows = await p.db.$queryRaw<{ n: number }[]>`SELECT max(length(key))::int AS n FROM rate_limits`;
    expect(rows[0]?.n).toBeLessThanOrEqual(255);
  });
}
