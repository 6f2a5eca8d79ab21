import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isCurrentLink, linkKey, signLinkToken, verifyLinkToken, type LinkClaims } from "@/lib/onboarding/link-token";

const key = linkKey("a-test-secret-of-at-least-thirty-two-characters");
const claims: LinkClaims = { lid: randomUUID(), gen: 1, env: "local", sys: "991825827_lonn", org: "310904473" };
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);

describe("onboarding link tokens", () => {
  it("verifies what it signed", async () => {
    const token = await signLinkToken(claims, key, inDays(7));
    await expect(verifyLinkToken(token, key)).resolves.toEqual(claims);
  });

  it("refuses an expired token", async () => {
    const token = await signLinkToken(claims, key, inDays(7));
    await expect(verifyLinkToken(token, key, inDays(8))).resolves.toBeNull();
    await expect(verifyLinkToken(token, key, inDays(6))).resolves.toEqual(claims);
  });

  it("refuses a tampered payload, a tampered signature, another key and garbage", async () => {
    const token = await signLinkToken(claims, key, inDays(7));
    const [h, , s] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...claims, org: "313469999", aud: "onboarding-link", exp: 9_999_999_999 }),
    ).toString("base64url");
    await expect(verifyLinkToken(`${h}.${forged}.${s}`, key)).resolves.toBeNull();
    const flipped = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    await expect(verifyLinkToken(flipped, key)).resolves.toBeNull();
    await expect(verifyLinkToken(token, linkKey("another-secret-of-at-least-thirty-two-chars"))).resolves.toBeNull();
    for (const bad of ["", "x.y.z", "not a token", "a".repeat(5000)])
      await expect(verifyLinkToken(bad, key)).resolves.toBeNull();
  });

  it("refuses an unsigned (alg none) token", async () => {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const none = `${enc({ alg: "none" })}.${enc({ ...claims, aud: "onboarding-link", exp: 9_999_999_999 })}.`;
    await expect(verifyLinkToken(none, key)).resolves.toBeNull();
  });

  it("treats only the newest generation before the row's expiry as current (regeneration)", () => {
    const row = { generation: 2, expiresAt: inDays(7) };
    expect(isCurrentLink({ ...claims, gen: 2 }, row)).toBe(true);
    expect(isCurrentLink({ ...claims, gen: 1 }, row)).toBe(false);
    expect(isCurrentLink({ ...claims, gen: 2 }, { generation: 2, expiresAt: inDays(-1) })).toBe(false);
    expect(isCurrentLink({ ...claims, gen: 2 }, null)).toBe(false);
  });
});
