import { randomInt } from "node:crypto";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";

// A second portal process has limiter instances of its own (globalThis.portalLimiters) and the same
// database; dropping the instances between calls is what alternating between two processes looks like.
const otherProcess = () => (globalThis as { portalLimiters?: Map<string, unknown> }).portalLimiters?.clear();
const address = () => `203.0.${randomInt(0, 256)}.${randomInt(1, 255)}`;

export function edgeTests(ref: PortalRef) {
  /** Request headers as the portal's HTTP server (scripts/server.ts) stamps them for a client. */
  async function stamped(clientAddress: string): Promise<Headers> {
    const { EDGE_HEADERS, issueEdgeProof } = await import("@/lib/core/edge");
    return new Headers({ [EDGE_HEADERS.address]: clientAddress, [EDGE_HEADERS.proof]: issueEdgeProof() });
  }

  it("public limits: one window per client address, shared by every portal process", async () => {
    ref();
    const { takePublic } = await import("@/lib/onboarding/rate-limit");
    const { env } = await import("@/lib/core/env");
    const perMinute = env().PUBLIC_RATE_LIMIT_PER_MINUTE;
    const client = address();
    for (let i = 0; i < perMinute; i += 1) {
      if (i % 2) otherProcess();
      expect((await takePublic(await stamped(client), "start")).ok).toBe(true);
    }
    otherProcess();
    const over = await takePublic(await stamped(client), "start");
    expect(over.ok).toBe(false);
    expect(over.retryAfterS).toBeGreaterThan(0);
    // Someone else, and the same client on another endpoint kind, are not affected.
    expect((await takePublic(await stamped(address()), "start")).ok).toBe(true);
    expect((await takePublic(await stamped(client), "callback")).ok).toBe(true);
  });

  it("public limits: an IPv6 client counts by its /64, however it spells or rotates its address", async () => {
    ref();
    const { takePublic } = await import("@/lib/onboarding/rate-limit");
    const { env } = await import("@/lib/core/env");
    const prefix = `2001:db8:${randomInt(0, 0xffff).toString(16)}:${randomInt(0, 0xffff).toString(16)}`;
    for (let i = 0; i < env().PUBLIC_RATE_LIMIT_PER_MINUTE; i += 1)
      expect((await takePublic(await stamped(`${prefix}::${(i + 1).toString(16)}`), "link")).ok).toBe(true);
    expect((await takePublic(await stamped(`${prefix}:ffff::1`), "link")).ok).toBe(false);
  });

  it("vendor API: a key's limit is shared by every portal process, with RateLimit headers", async () => {
    ref();
    const { takeApiRequest } = await import("@/lib/api/rate-limit");
    const keyId = `key-${randomInt(0, 1e9)}`;
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      otherProcess();
      const d = await takeApiRequest(keyId, 3);
      expect(d.ok).toBe(true);
      remaining.push(d.headers["ratelimit-remaining"] ?? "");
      expect(Number(d.headers["ratelimit-reset"])).toBeGreaterThan(0);
      expect(Number(d.headers["ratelimit-reset"])).toBeLessThanOrEqual(60);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    otherProcess();
    const over = await takeApiRequest(keyId, 3);
    expect(over.ok).toBe(false);
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
    expect(over.headers.ratelimit).toMatch(/^"default";r=0;t=\d+$/);
  });
}
