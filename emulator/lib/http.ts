// Response and request-body helpers shared by every API area.
import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readText(req));
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

type Headers = Record<string, string | string[]>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  send(res, status, JSON.stringify(body), { "content-type": "application/json; charset=utf-8", ...headers });
}

export function sendProblemJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), { "content-type": "application/problem+json; charset=utf-8" });
}

export function sendText(res: ServerResponse, status: number, body: string): void {
  send(res, status, body, { "content-type": "text/plain; charset=utf-8" });
}

export function sendHtml(res: ServerResponse, status: number, body: string, headers: Headers = {}): void {
  send(res, status, body, { "content-type": "text/html; charset=utf-8", ...headers });
}

export function sendEmpty(res: ServerResponse, status: number, headers: Headers = {}): void {
  // ASP.NET's Unauthorized()/Forbid()/NotFound() send no body; content-length 0 keeps clients from waiting.
  send(res, status, "", headers);
}

export function redirect(res: ServerResponse, status: 302 | 303, location: string, headers: Headers = {}): void {
  send(res, status, "", { location, ...headers });
}

function send(res: ServerResponse, status: number, body: string, headers: Headers): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

export function parseCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const value = part.slice(eq + 1).trim();
    try {
      cookies.set(part.slice(0, eq).trim(), decodeURIComponent(value));
    } catch {
      cookies.set(part.slice(0, eq).trim(), value);
    }
  }
  return cookies;
}
