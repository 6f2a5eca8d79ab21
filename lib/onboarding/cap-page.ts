import "server-only";
import type { AppError } from "@/lib/core/errors";
import { translator } from "@/lib/i18n";

/**
 * For the public POST routes: the hourly cap's answer to the customer (429, Retry-After, a page in both
 * languages that works without JavaScript), or null for any other error.
 */
export function capReachedResponse(err: AppError): Response | null {
  if (err.code !== "public_cap") return null;
  const retryAfterS = Math.max(1, Number(err.extra?.retryAfterS) || 60);
  const vars = { minutes: Math.ceil(retryAfterS / 60) };
  const [nb, en] = [translator("nb"), translator("en")];
  // Every text is ours (no input reaches the page), so it needs no escaping. No inline style: the
  // Content-Security-Policy (proxy.ts) allows none without a nonce.
  const html = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${nb("cap.title")} / ${en("cap.title")}</title></head>
<body><main>
<h1>${nb("cap.title")}</h1><p>${nb("cap.body", vars)}</p>
<h2 lang="en">${en("cap.title")}</h2><p lang="en">${en("cap.body", vars)}</p>
</main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "retry-after": String(retryAfterS),
      "cache-control": "no-store",
    },
  });
}
