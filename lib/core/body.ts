import "server-only";

// Request bodies are read with a cap: a client that announces (Content-Length) or sends (chunked) more
// than the endpoint needs is stopped before the body is in memory, not after.

export type BodyRead<T> = { ok: true; value: T } | { ok: false; status: 413 | 415 | 400; reason: BodyRefusal };
export type BodyRefusal = "too_large" | "unsupported_media_type" | "malformed";

/** The body as text, or too_large once more than `maxBytes` arrived (or were announced). */
export async function readTextCapped(req: Request, maxBytes: number): Promise<BodyRead<string>> {
  const announced = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(announced) && announced > maxBytes) return tooLarge();
  if (!req.body) return { ok: true, value: "" };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  try {
    return { ok: true, value: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, reason: "malformed" };
  }
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * A posted HTML form, capped. Only the two form encodings are forms; any other body is refused (415)
 * rather than read as an empty form, so a program sending JSON learns why. No body at all is an empty
 * form (a form without fields, a truncated POST): its fields then fail validation with their messages.
 */
export async function readFormCapped(req: Request, maxBytes: number): Promise<BodyRead<FormData>> {
  const type = req.headers.get("content-type") ?? "";
  if (!FORM_TYPES.test(type)) {
    const other = await readTextCapped(req, maxBytes);
    if (!other.ok) return other;
    return other.value === ""
      ? { ok: true, value: new FormData() }
      : { ok: false, status: 415, reason: "unsupported_media_type" };
  }
  const text = await readTextCapped(req, maxBytes);
  if (!text.ok) return text;
  try {
    const form = await new Request("http://form.invalid/", {
      method: "POST",
      headers: { "content-type": type },
      body: text.value,
    }).formData();
    return { ok: true, value: form };
  } catch {
    return { ok: false, status: 400, reason: "malformed" };
  }
}

const tooLarge = (): BodyRead<never> => ({ ok: false, status: 413, reason: "too_large" });
