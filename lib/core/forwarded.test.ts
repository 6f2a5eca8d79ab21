import { describe, expect, it } from "vitest";
import { limitKeyOf, normalizeAddress, resolveClient, trustedHops } from "@/lib/core/forwarded";

const via = (hops: number, forwardedFor?: string | string[], socket = "10.0.0.2", forwardedProto?: string) =>
  resolveClient({ socketAddress: socket, encrypted: false, forwardedFor, forwardedProto, hops });

describe("resolveClient: the address the last trusted hop saw", () => {
  it("with no trusted proxy takes the socket and ignores X-Forwarded-For entirely", () => {
    expect(via(0).address).toBe("10.0.0.2");
    expect(via(0, "203.0.113.7").address).toBe("10.0.0.2");
  });

  it("with one hop takes the entry the proxy appended (the rightmost), never the client's own entries", () => {
    expect(via(1, "198.51.100.9").address).toBe("198.51.100.9");
    // The client sent "6.6.6.6, 7.7.7.7"; the proxy appended what it saw.
    expect(via(1, "6.6.6.6, 7.7.7.7, 198.51.100.9").address).toBe("198.51.100.9");
    expect(via(1, ["6.6.6.6", "198.51.100.9"]).address).toBe("198.51.100.9");
  });

  it("with two hops takes the second entry from the right of [...XFF, socket]", () => {
    // client → edge proxy (appends client) → inner proxy (appends edge proxy) → portal (socket = inner proxy)
    expect(via(2, "6.6.6.6, 198.51.100.9, 10.0.0.1").address).toBe("198.51.100.9");
    expect(via(2, "198.51.100.9, 10.0.0.1").address).toBe("198.51.100.9");
  });

  it("with fewer entries than hops takes the leftmost there is", () => {
    expect(via(1).address).toBe("10.0.0.2");
    expect(via(3, "198.51.100.9").address).toBe("198.51.100.9");
  });

  it("answers unknown when the chosen entry is not an address (nothing the client wrote leaks through)", () => {
    expect(via(1, "6.6.6.6, not-an-ip").address).toBe("unknown");
    expect(via(1, "x".repeat(5000)).address).toBe("unknown");
    expect(via(0, undefined, "").address).toBe("unknown");
  });

  it("reads X-Forwarded-Proto from the trusted hop, and the socket without proxies", () => {
    expect(via(0, undefined, "10.0.0.2", "https").proto).toBe("http");
    expect(via(1, "198.51.100.9", "10.0.0.2", "https").proto).toBe("https");
    expect(via(1, "198.51.100.9", "10.0.0.2", "https, http").proto).toBe("http");
    expect(via(1, "198.51.100.9", "10.0.0.2").proto).toBe("http");
    const tls = resolveClient({
      socketAddress: "10.0.0.2",
      encrypted: true,
      forwardedFor: undefined,
      forwardedProto: "http",
      hops: 0,
    });
    expect(tls.proto).toBe("https");
  });
});

describe("normalizeAddress", () => {
  it("gives one spelling per address", () => {
    expect(normalizeAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(normalizeAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("203.0.113.7:5678")).toBe("203.0.113.7");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
  });

  it("refuses what is not an address, including lax IPv4 forms", () => {
    for (const raw of ["", "unknown", "01.2.3.4", "0x7f.0.0.1", "1", "203.0.113.7.5", "a".repeat(100), undefined])
      expect(normalizeAddress(raw)).toBeNull();
  });
});

describe("limitKeyOf", () => {
  it("keys IPv4 by address and IPv6 by its /64", () => {
    expect(limitKeyOf("203.0.113.7")).toBe("203.0.113.7");
    expect(limitKeyOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(limitKeyOf("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(limitKeyOf("unknown")).toBe("unknown");
  });
});

describe("trustedHops", () => {
  it("reads TRUST_PROXY_HOPS, with TRUST_PROXY=true as a deprecated alias for one hop", () => {
    expect(trustedHops({})).toEqual({ hops: 0 });
    expect(trustedHops({ TRUST_PROXY_HOPS: "2" })).toEqual({ hops: 2 });
    expect(trustedHops({ TRUST_PROXY: "false" })).toEqual({ hops: 0 });
    expect(trustedHops({ TRUST_PROXY: "true" })).toMatchObject({
      hops: 1,
      warning: expect.stringMatching(/deprecated/),
    });
    expect(trustedHops({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: "0" })).toMatchObject({
      hops: 0,
      warning: expect.any(String),
    });
  });

  it("refuses anything but a small whole number", () => {
    for (const bad of ["-1", "1.5", "eleven", "11"]) expect(() => trustedHops({ TRUST_PROXY_HOPS: bad })).toThrow();
  });
});
