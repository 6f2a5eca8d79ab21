import { describe, expect, it } from "vitest";
import { readFormCapped, readTextCapped } from "./body";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://portal.test/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

function chunked(parts: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ >= parts) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
}

describe("readTextCapped", () => {
  it("reads a body within the cap", async () => {
    expect(await readTextCapped(post("hello"), 10)).toEqual({ ok: true, value: "hello" });
  });
  it("refuses an announced size over the cap without reading", async () => {
    const res = await readTextCapped(post("x", { "content-length": "999999" }), 10);
    expect(res).toEqual({ ok: false, status: 413, reason: "too_large" });
  });
  it("stops a chunked body once it passes the cap", async () => {
    const res = await readTextCapped(post(chunked(1000, 1024)), 4096);
    expect(res).toMatchObject({ ok: false, status: 413 });
  });
  it("refuses bytes that are not UTF-8", async () => {
    const res = await readTextCapped(post(new Uint8Array([0xff, 0xfe, 0x41])), 10);
    expect(res).toMatchObject({ ok: false, status: 400, reason: "malformed" });
  });
});

describe("readFormCapped", () => {
  it("reads a urlencoded form", async () => {
    const res = await readFormCapped(
      post("orgNo=310904473", { "content-type": "application/x-www-form-urlencoded" }),
      100,
    );
    expect(res.ok && res.value.get("orgNo")).toBe("310904473");
  });
  it("refuses JSON and a missing content type as not a form", async () => {
    expect(await readFormCapped(post("{}", { "content-type": "application/json" }), 100)).toMatchObject({
      status: 415,
    });
    expect(await readFormCapped(post("orgNo=1"), 100)).toMatchObject({ status: 415 });
  });
  it("reads no body at all as an empty form", async () => {
    const res = await readFormCapped(post(null), 100);
    expect(res.ok && [...res.value.keys()]).toEqual([]);
  });
  it("refuses a form over the cap", async () => {
    const big = `orgNo=${"1".repeat(5000)}`;
    const res = await readFormCapped(post(big, { "content-type": "application/x-www-form-urlencoded" }), 1000);
    expect(res).toMatchObject({ ok: false, status: 413 });
  });
});
