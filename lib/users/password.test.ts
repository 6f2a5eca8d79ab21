import { beforeEach, describe, expect, it, vi } from "vitest";

// argon2 replaced by calls that wait until released, to see how many run at once.
const argon2 = vi.hoisted(() => {
  const state = { running: 0, peak: 0, releases: [] as (() => void)[] };
  const slow = <T>(value: T) =>
    new Promise<T>((resolve) => {
      state.running += 1;
      state.peak = Math.max(state.peak, state.running);
      state.releases.push(() => {
        state.running -= 1;
        resolve(value);
      });
    });
  return { state, hash: vi.fn(() => slow("$argon2id$fake")), verify: vi.fn(() => slow(true)) };
});
vi.mock("@node-rs/argon2", () => ({ hash: argon2.hash, verify: argon2.verify }));

const { ARGON2_CONCURRENCY, ARGON2_MAX_WAITING, argon2Load, hashPassword, verifyPassword } =
  await import("@/lib/users/password");

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("argon2 work is capped", () => {
  beforeEach(() => {
    argon2.state.peak = 0;
  });

  it("runs at most 2 hashes and verifies at once, queues 16 more and refuses the rest as password_busy", async () => {
    expect([ARGON2_CONCURRENCY, ARGON2_MAX_WAITING]).toEqual([2, 16]);
    const burst = 50;
    const calls = Array.from({ length: burst }, (_, i) =>
      (i % 2 ? verifyPassword("$argon2id$x", "pw") : hashPassword("pw")).then(
        () => "done",
        (err: unknown) => (err as { code?: string }).code ?? String(err),
      ),
    );
    await settle();
    expect(argon2Load()).toEqual({ active: 2, waiting: 16 });
    while (argon2.state.releases.length > 0) {
      argon2.state.releases.shift()?.();
      await settle();
    }
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o === "done")).toHaveLength(18);
    expect(outcomes.filter((o) => o === "password_busy")).toHaveLength(burst - 18);
    expect(argon2.state.peak).toBe(2);
    expect(argon2Load()).toEqual({ active: 0, waiting: 0 });
  });

  it("takes work again once the burst is over", async () => {
    const call = verifyPassword("$argon2id$x", "pw");
    await settle();
    argon2.state.releases.shift()?.();
    await expect(call).resolves.toBe(true);
  });
});
