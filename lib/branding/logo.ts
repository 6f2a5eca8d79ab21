// What a logo upload may be, decided by its bytes, never by its name or the browser's type (ADR 025). Pure:
// unit-tested beside, and used by the settings' preview to refuse early (the server checks again).

export const MAX_LOGO_BYTES = 256 * 1024;

export type LogoType = "image/png" | "image/jpeg" | "image/webp";
export type LogoSniff = { ok: true; type: LogoType } | { ok: false; reason: "svg" | "type" | "size" | "empty" };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** SVG is text that may carry script: refused by name, so the admin learns why rather than "wrong type". */
function looksLikeSvg(b: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(b.subarray(0, 1024)).toLowerCase();
  return head.includes("<svg") || (head.trimStart().startsWith("<?xml") && head.includes("svg"));
}

export function sniffLogo(bytes: Uint8Array): LogoSniff {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_LOGO_BYTES) return { ok: false, reason: "size" };
  if (startsWith(bytes, PNG)) return { ok: true, type: "image/png" };
  // JPEG: SOI then the first marker's FF.
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, type: "image/jpeg" };
  // WebP: a RIFF container whose form type is WEBP.
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP")
    return { ok: true, type: "image/webp" };
  if (looksLikeSvg(bytes)) return { ok: false, reason: "svg" };
  return { ok: false, reason: "type" };
}

/** The file name part of a logo's URL: the hash names the content, the extension lets caches and tools see a file. */
export const LOGO_EXTENSION: Record<LogoType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};
