import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress } from "@/lib/core/client-address";
import { EDGE_HEADERS, issueEdgeProof } from "@/lib/core/edge";

describe("clientAddress", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is the address the portal's server stamped", () => {
    const h = new Headers({ [EDGE_HEADERS.address]: "198.51.100.9", [EDGE_HEADERS.proof]: issueEdgeProof() });
    expect(clientAddress(h)).toBe("198.51.100.9");
  });

  it("never trusts a client's own headers: unknown, with one warning per process", () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    const spoofed = new Headers({
      "x-forwarded-for": "6.6.6.6",
      [EDGE_HEADERS.address]: "6.6.6.6",
      [EDGE_HEADERS.proof]: "guess",
    });
    expect(clientAddress(spoofed)).toBe("unknown");
    expect(clientAddress(new Headers({ "x-forwarded-for": "7.7.7.7" }))).toBe("unknown");
    expect(lines.filter((l) => l.includes("no client address"))).toHaveLength(1);
  });
});
