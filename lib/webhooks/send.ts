import "server-only";
import http from "node:http";
import https from "node:https";
import { AppError } from "@/lib/core/errors";
import { blockedKind, isAllowed, literalIp } from "@/lib/webhooks/address";
import { BlockedAddressError, checkUrlForm, lookupFor, type TargetPolicy } from "@/lib/webhooks/ssrf";

/** One attempt as the log keeps it: `status` is null when no answer came. */
export type AttemptOutcome = {
  ok: boolean;
  status: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
};

export const EXCERPT_BYTES = 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

function explain(err: unknown, timeoutMs: number): string {
  if (err instanceof BlockedAddressError) return err.message;
  if (err instanceof AppError) return `refused: ${err.userMessage.en}`;
  const e = err as NodeJS.ErrnoException;
  if (e.name === "TimeoutError" || e.name === "AbortError") return `timed out after ${timeoutMs} ms`;
  if (e.code === "ECONNREFUSED") return "connection refused";
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return `name not found (${e.code})`;
  return e.code ? `${e.code}: ${e.message}` : String(e.message ?? err);
}

/**
 * POSTs one signed body. Node's http(s).request, not fetch: it follows no redirects at all (a 3xx is a
 * failed attempt) and takes a `lookup`, so the address check runs on the address actually dialled.
 * Literal IPs skip DNS and are checked here. The answer is read up to 1 KiB, then the socket is dropped.
 */
export async function postWebhook(
  rawUrl: string,
  policy: TargetPolicy,
  headers: Record<string, string>,
  body: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (o: Omit<AttemptOutcome, "latencyMs">): AttemptOutcome => ({
    ...o,
    latencyMs: Math.round(performance.now() - started),
  });
  try {
    const ip = URL.canParse(rawUrl) ? literalIp(new URL(rawUrl).hostname) : null;
    const kind = ip ? blockedKind(ip) : null;
    if (ip && kind && !isAllowed(kind, policy.allowLoopback)) throw new BlockedAddressError(ip, ip, kind);
    const url = checkUrlForm(rawUrl, policy);
    const { status, excerpt, location } = await request(url, policy, headers, body, timeoutMs);
    const ok = status >= 200 && status < 300;
    const error = ok
      ? null
      : status >= 300 && status < 400
        ? `redirect not followed${location ? ` (to ${location.slice(0, 200)})` : ""}`
        : `HTTP ${status}`;
    return done({ ok, status, excerpt, error });
  } catch (err) {
    return done({ ok: false, status: null, excerpt: null, error: explain(err, timeoutMs) });
  }
}

function request(
  url: URL,
  policy: TargetPolicy,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; excerpt: string; location?: string }> {
  const payload = Buffer.from(body, "utf8");
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        agent: false,
        lookup: lookupFor(policy),
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(payload.length),
          "user-agent": "Systembrukerportalen-Webhooks/1",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          res.destroy();
          const excerpt = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES));
          resolve({ status: res.statusCode ?? 0, excerpt, location: res.headers.location });
        };
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= EXCERPT_BYTES) finish();
        });
        res.on("end", finish);
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
