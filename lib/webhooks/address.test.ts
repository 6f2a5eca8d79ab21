import { describe, expect, it } from "vitest";
import { blockedKind, isAllowed, literalIp } from "@/lib/webhooks/address";

describe("blockedKind", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.254", "cgnat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["::127.0.0.1", "loopback"],
    ["2002:c0a8:0101::1", "private"],
    ["not-an-ip", "reserved"],
  ])("%s is %s", (ip, kind) => {
    expect(blockedKind(ip)).toBe(kind);
  });

  it.each([
    "93.184.215.14",
    "172.32.0.1",
    "100.128.0.1",
    "8.8.8.8",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "2002:0808:0808::1",
  ])("%s is public", (ip) => {
    expect(blockedKind(ip)).toBeNull();
  });

  it("lets loopback through only where allowed, and nothing else", () => {
    expect(isAllowed("loopback", true)).toBe(true);
    expect(isAllowed("loopback", false)).toBe(false);
    expect(isAllowed("private", true)).toBe(false);
    expect(isAllowed(null, false)).toBe(true);
  });

  it("reads literal IPs from URL hosts as the URL parser leaves them", () => {
    expect(literalIp(new URL("https://[::ffff:127.0.0.1]/").hostname)).toBe("::ffff:7f00:1");
    expect(literalIp(new URL("https://2130706433/").hostname)).toBe("127.0.0.1");
    expect(literalIp(new URL("https://0x7f.1/").hostname)).toBe("127.0.0.1");
    expect(literalIp("example.com")).toBeNull();
  });
});
