import { describe, expect, it } from "vitest";
import { decideOidcSignIn, parseOidcClaims, type OidcClaims, type OidcFacts } from "@/lib/users/identity-rules";

const claims = (over: Partial<OidcClaims> = {}): OidcClaims => ({
  issuer: "https://idp.example/",
  subject: "sub-1",
  email: "ola@vendor.example",
  emailVerified: true,
  name: "Ola",
  ...over,
});
const local = { id: "u-1", disabled: false, oidcLinkAllowed: true };
const facts = (over: Partial<OidcFacts> = {}): OidcFacts => ({
  claims: claims(),
  bound: null,
  byEmail: null,
  defaultRole: undefined,
  ...over,
});

describe("decideOidcSignIn", () => {
  it("signs a bound identity in as its user, whatever the e-mail says", () => {
    const bound = { id: "u-9", disabled: false };
    expect(decideOidcSignIn(facts({ bound, byEmail: local }))).toEqual({ kind: "sign_in", userId: "u-9" });
    expect(decideOidcSignIn(facts({ bound, claims: claims({ email: null, emailVerified: false }) }))).toEqual({
      kind: "sign_in",
      userId: "u-9",
    });
  });

  it("refuses a disabled user, bound or matched by e-mail", () => {
    expect(decideOidcSignIn(facts({ bound: { id: "u-9", disabled: true } }))).toEqual({
      kind: "refuse",
      reason: "user_disabled",
      userId: "u-9",
    });
    expect(decideOidcSignIn(facts({ byEmail: { ...local, disabled: true } }))).toMatchObject({
      reason: "user_disabled",
    });
  });

  it("links by e-mail only when the address is verified and an admin allowed linking", () => {
    expect(decideOidcSignIn(facts({ byEmail: local }))).toEqual({ kind: "link", userId: "u-1" });
    expect(decideOidcSignIn(facts({ byEmail: local, claims: claims({ emailVerified: false }) }))).toEqual({
      kind: "refuse",
      reason: "email_unverified",
      userId: "u-1",
    });
    expect(decideOidcSignIn(facts({ byEmail: { ...local, oidcLinkAllowed: false } }))).toEqual({
      kind: "refuse",
      reason: "link_not_allowed",
      userId: "u-1",
    });
  });

  it("never provisions over an existing user's e-mail, even with a default role", () => {
    const decision = decideOidcSignIn(
      facts({ byEmail: { ...local, oidcLinkAllowed: false }, defaultRole: "operator" }),
    );
    expect(decision).toMatchObject({ kind: "refuse", reason: "link_not_allowed" });
  });

  it("provisions an unknown identity only with a default role and an e-mail", () => {
    expect(decideOidcSignIn(facts())).toEqual({ kind: "refuse", reason: "no_account" });
    expect(decideOidcSignIn(facts({ defaultRole: "auditor" }))).toEqual({
      kind: "provision",
      role: "auditor",
      email: "ola@vendor.example",
    });
    expect(decideOidcSignIn(facts({ defaultRole: "auditor", claims: claims({ email: null }) }))).toEqual({
      kind: "refuse",
      reason: "no_email",
    });
  });
});

describe("parseOidcClaims", () => {
  it("needs issuer and subject", () => {
    expect(parseOidcClaims({ sub: "x" })).toBeNull();
    expect(parseOidcClaims({ iss: "https://idp/", sub: "" })).toBeNull();
    expect(parseOidcClaims(undefined)).toBeNull();
  });

  it("counts email_verified only as a JSON true, for the e-mail it came with", () => {
    const base = { iss: "https://idp/", sub: "s", email: " Ola@Vendor.Example " };
    expect(parseOidcClaims({ ...base, email_verified: true })).toMatchObject({
      email: "ola@vendor.example",
      emailVerified: true,
    });
    for (const v of ["true", 1, "1", undefined, null, false]) {
      expect(parseOidcClaims({ ...base, email_verified: v })?.emailVerified).toBe(false);
    }
    expect(parseOidcClaims({ iss: "https://idp/", sub: "s", email_verified: true })).toMatchObject({
      email: null,
      emailVerified: false,
    });
  });

  it("ignores an e-mail that is not one, and never falls back to preferred_username", () => {
    const parsed = parseOidcClaims({
      iss: "https://idp/",
      sub: "s",
      email: "not an address",
      email_verified: true,
      preferred_username: "admin@vendor.example",
    });
    expect(parsed).toEqual({ issuer: "https://idp/", subject: "s", email: null, emailVerified: false, name: null });
  });
});
