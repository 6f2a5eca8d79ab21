import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { isCurrentLink, linkKeys, openLinkToken, sealLinkToken, type LinkClaims } from "@/lib/onboarding/link-token";

const keys = linkKeys("a-test-secret-of-at-least-thirty-two-characters");
const claims: LinkClaims = { lid: randomUUID(), gen: 1 };
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
const parts = (token: string) => token.split(".").map((p) => Buffer.from(p, "base64url").toString("latin1"));

/** A link as the portal signed them before tokens were encrypted: HS256, everything readable. */
const legacyToken = (extra: Record<string, unknown> = {}, key = keys.legacy) =>
  new SignJWT({ ...claims, env: "local", sys: "991825827_lonn", org: "310904473", ...extra })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience("onboarding-link")
    .setIssuedAt()
    .setExpirationTime(Math.floor(inDays(7).getTime() / 1000))
    .sign(key);

describe("onboarding link tokens", () => {
  it("opens what it sealed, and nothing in the token is readable", async () => {
    const token = await sealLinkToken(claims, keys, inDays(7));
    await expect(openLinkToken(token, keys)).resolves.toEqual(claims);
    expect(token.split(".")).toHaveLength(5);
    expect(JSON.parse(parts(token)[0] ?? "")).toEqual({ alg: "dir", enc: "A256GCM" });
    for (const part of parts(token).slice(1)) {
      expect(part).not.toContain(claims.lid);
      expect(part).not.toMatch(/"(lid|gen|aud|exp|iat)"/);
    }
    // The same claims sealed twice differ (a fresh IV each time): tokens cannot be compared either.
    expect(await sealLinkToken(claims, keys, inDays(7))).not.toBe(token);
  });

  it("refuses an expired token", async () => {
    const token = await sealLinkToken(claims, keys, inDays(7));
    await expect(openLinkToken(token, keys, inDays(8))).resolves.toBeNull();
    await expect(openLinkToken(token, keys, inDays(6))).resolves.toEqual(claims);
  });

  it("refuses a changed ciphertext, tag or header, another key and garbage", async () => {
    const token = await sealLinkToken(claims, keys, inDays(7));
    const [h = "", k = "", iv = "", ct = "", tag = ""] = token.split(".");
    const flip = (s: string) => (s.startsWith("A") ? "B" : "A") + s.slice(1);
    for (const changed of [
      [h, k, iv, flip(ct), tag],
      [h, k, iv, ct, flip(tag)],
      [h, k, flip(iv), ct, tag],
      [Buffer.from('{"alg":"dir","enc":"A128GCM"}').toString("base64url"), k, iv, ct, tag],
    ])
      await expect(openLinkToken(changed.join("."), keys)).resolves.toBeNull();
    const other = linkKeys("another-secret-of-at-least-thirty-two-chars");
    await expect(openLinkToken(token, other)).resolves.toBeNull();
    for (const bad of ["", "x.y.z", "a.b.c.d.e", "not a token", "a".repeat(5000)])
      await expect(openLinkToken(bad, keys)).resolves.toBeNull();
  });

  it("still opens a link signed before tokens were encrypted, using only its row id and generation", async () => {
    await expect(openLinkToken(await legacyToken(), keys)).resolves.toEqual(claims);
    await expect(openLinkToken(await legacyToken({}, keys.encryption), keys)).resolves.toBeNull();
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const none = `${enc({ alg: "none" })}.${enc({ ...claims, aud: "onboarding-link", exp: 9_999_999_999 })}.`;
    await expect(openLinkToken(none, keys)).resolves.toBeNull();
  });

  it("treats only the newest generation before the row's expiry as current (regeneration)", () => {
    const row = { generation: 2, expiresAt: inDays(7) };
    expect(isCurrentLink({ ...claims, gen: 2 }, row)).toBe(true);
    expect(isCurrentLink({ ...claims, gen: 1 }, row)).toBe(false);
    expect(isCurrentLink({ ...claims, gen: 2 }, { generation: 2, expiresAt: inDays(-1) })).toBe(false);
    expect(isCurrentLink({ ...claims, gen: 2 }, null)).toBe(false);
  });
});
