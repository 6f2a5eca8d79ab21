import { describe, expect, it } from "vitest";
import { MAX_LOGO_BYTES, sniffLogo } from "./logo";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p)] : p)));

describe("logo sniffing", () => {
  it("knows PNG, JPEG and WebP by their bytes", () => {
    expect(sniffLogo(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toEqual({
      ok: true,
      type: "image/png",
    });
    expect(sniffLogo(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({ ok: true, type: "image/jpeg" });
    expect(sniffLogo(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "))).toEqual({ ok: true, type: "image/webp" });
  });

  it("refuses SVG by name, with or without an XML prologue", () => {
    expect(sniffLogo(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({
      ok: false,
      reason: "svg",
    });
    expect(sniffLogo(bytes('  <?xml version="1.0"?>\n<!DOCTYPE svg><svg/>'))).toMatchObject({ reason: "svg" });
  });

  it("refuses anything else, whatever it claims to be", () => {
    expect(sniffLogo(bytes("GIF89a...."))).toMatchObject({ reason: "type" });
    expect(sniffLogo(bytes("<html><body>png</body></html>"))).toMatchObject({ reason: "type" });
    expect(sniffLogo(bytes("RIFF", [0, 0, 0, 0], "WAVE"))).toMatchObject({ reason: "type" });
    expect(sniffLogo(new Uint8Array())).toMatchObject({ reason: "empty" });
  });

  it("refuses more than the limit, even a real PNG", () => {
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(sniffLogo(big)).toMatchObject({ reason: "size" });
    expect(sniffLogo(big.subarray(0, MAX_LOGO_BYTES))).toMatchObject({ ok: true });
  });
});
