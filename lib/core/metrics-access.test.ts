import { describe, expect, it } from "vitest";
import { invalidAllowEntries, metricsAccess } from "@/lib/core/metrics-access";

const TOKEN = "s3cret-scraper-token-0123456789abcdef";
const ask = (address: string, authorization: string | null = null) => ({ address, authorization });

describe("metricsAccess", () => {
  it("with nothing configured, lets only loopback clients in", () => {
    expect(metricsAccess(ask("127.0.0.1"), {})).toBe("ok");
    expect(metricsAccess(ask("127.8.9.10"), {})).toBe("ok");
    expect(metricsAccess(ask("::1"), {})).toBe("ok");
    expect(metricsAccess(ask("203.0.113.7"), {})).toBe("forbidden");
    expect(metricsAccess(ask("unknown"), {})).toBe("forbidden");
    // Through a proxy on this host (TRUST_PROXY_HOPS unset), any internet client looks like loopback.
    expect(metricsAccess({ ...ask("127.0.0.1"), proxied: true }, {})).toBe("forbidden");
    // A token someone sends means nothing while none is configured.
    expect(metricsAccess(ask("203.0.113.7", `Bearer ${TOKEN}`), {})).toBe("forbidden");
  });

  it("with a token, wants exactly that bearer token, from anywhere", () => {
    const config = { token: TOKEN };
    expect(metricsAccess(ask("203.0.113.7", `Bearer ${TOKEN}`), config)).toBe("ok");
    expect(metricsAccess(ask("203.0.113.7", `bearer ${TOKEN}`), config)).toBe("ok");
    expect(metricsAccess(ask("203.0.113.7", `Bearer ${TOKEN}x`), config)).toBe("unauthorized");
    expect(metricsAccess(ask("203.0.113.7", `Bearer ${TOKEN.slice(0, -1)}`), config)).toBe("unauthorized");
    expect(metricsAccess(ask("203.0.113.7", `Basic ${TOKEN}`), config)).toBe("unauthorized");
    expect(metricsAccess(ask("203.0.113.7"), config)).toBe("unauthorized");
    // Loopback is no longer enough once a token is set.
    expect(metricsAccess(ask("127.0.0.1"), config)).toBe("unauthorized");
  });

  it("with an allowlist, matches addresses and CIDRs of both families", () => {
    const config = { allow: ["10.1.0.0/16", "192.0.2.5", "2001:db8:42::/48"] };
    expect(metricsAccess(ask("10.1.200.3"), config)).toBe("ok");
    expect(metricsAccess(ask("192.0.2.5"), config)).toBe("ok");
    expect(metricsAccess(ask("2001:db8:42:1::9"), config)).toBe("ok");
    expect(metricsAccess(ask("10.2.0.1"), config)).toBe("forbidden");
    expect(metricsAccess(ask("192.0.2.6"), config)).toBe("forbidden");
    expect(metricsAccess(ask("2001:db8:43::1"), config)).toBe("forbidden");
    expect(metricsAccess(ask("127.0.0.1"), config)).toBe("forbidden");
    expect(metricsAccess(ask("unknown"), config)).toBe("forbidden");
  });

  it("with both, either one lets the scraper in", () => {
    const config = { token: TOKEN, allow: ["10.0.0.0/8"] };
    expect(metricsAccess(ask("10.9.9.9"), config)).toBe("ok");
    expect(metricsAccess(ask("203.0.113.7", `Bearer ${TOKEN}`), config)).toBe("ok");
    expect(metricsAccess(ask("203.0.113.7"), config)).toBe("unauthorized");
  });
});

describe("invalidAllowEntries", () => {
  it("names what is not an address or CIDR", () => {
    expect(invalidAllowEntries(["10.0.0.0/8", "::1", "2001:db8::/32", "192.0.2.1"])).toEqual([]);
    expect(invalidAllowEntries(["10.0.0.0/33", "example.com", "1.2.3.4/8/9", "::1/129", "1.2.3.4/x"])).toEqual([
      "10.0.0.0/33",
      "example.com",
      "1.2.3.4/8/9",
      "::1/129",
      "1.2.3.4/x",
    ]);
  });
});
