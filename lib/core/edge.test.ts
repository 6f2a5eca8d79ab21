import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { EDGE_HEADERS, edgeFacts, issueEdgeProof, stampRequest } from "@/lib/core/edge";

function incoming(remoteAddress: string, headers: Record<string, string>): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: remoteAddress });
  const req = new IncomingMessage(socket);
  req.headers = { ...headers };
  return req;
}
const asHeaders = (req: IncomingMessage) => new Headers(req.headers as Record<string, string>);

describe("edge headers", () => {
  it("overwrites whatever the client sent under the edge headers' names", () => {
    const req = incoming("::ffff:198.51.100.9", {
      [EDGE_HEADERS.address]: "6.6.6.6",
      [EDGE_HEADERS.proto]: "https",
      [EDGE_HEADERS.proof]: "guessed",
      [EDGE_HEADERS.proxied]: "0",
      "x-forwarded-for": "6.6.6.6",
    });
    stampRequest(req, 0);
    expect(edgeFacts(asHeaders(req))).toEqual({ address: "198.51.100.9", proto: "http", proxied: true });
  });

  it("says whether the request came through a proxy, before Next adds its own X-Forwarded-For", () => {
    const direct = incoming("127.0.0.1", {});
    stampRequest(direct, 0);
    expect(edgeFacts(asHeaders(direct))?.proxied).toBe(false);
    const forwarded = incoming("127.0.0.1", { forwarded: "for=203.0.113.7" });
    stampRequest(forwarded, 0);
    expect(edgeFacts(asHeaders(forwarded))?.proxied).toBe(true);
  });

  it("believes the headers only with this process's proof", () => {
    issueEdgeProof();
    const forged = new Headers({ [EDGE_HEADERS.address]: "6.6.6.6", [EDGE_HEADERS.proof]: "x".repeat(43) });
    expect(edgeFacts(forged)).toBeNull();
    expect(edgeFacts(new Headers({ [EDGE_HEADERS.address]: "6.6.6.6" }))).toBeNull();
    const real = new Headers({ [EDGE_HEADERS.address]: "198.51.100.9", [EDGE_HEADERS.proof]: issueEdgeProof() });
    expect(edgeFacts(real)?.address).toBe("198.51.100.9");
  });
});
