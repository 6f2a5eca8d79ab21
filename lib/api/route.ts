import "server-only";
import type { z } from "zod";
import { authenticateApiKey, type KeyRefusal } from "@/lib/apikeys/authenticate";
import { readTextCapped } from "@/lib/core/body";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { runAs } from "@/lib/core/request-context";
import { translator } from "@/lib/i18n";
import {
  beginIdempotent,
  completeIdempotent,
  IDEMPOTENCY_KEY,
  releaseIdempotent,
  requestFingerprint,
} from "@/lib/api/idempotency";
import type { AnyOperation, ApiContext, ApiResult } from "@/lib/api/operation";
import { problemResponse } from "@/lib/api/problem";
import { takeApiRequest } from "@/lib/api/rate-limit";
import { API_MESSAGES } from "@/lib/api/messages";
import { PROBLEM_CODES } from "@/lib/api/problem-codes";
import { apiProblemOf } from "@/lib/api/errors";

type NextCtx = { params: Promise<Record<string, string | string[]>> };
// The status comes from the code (lib/api/problem-codes.ts): one table decides both, for answers and reference.
type Fail = { code: keyof typeof API_MESSAGES; errors?: { path: string; message: string }[] };
const MAX_BODY_BYTES = 256 * 1024;

const REFUSALS: Record<KeyRefusal, keyof typeof API_MESSAGES> = {
  missing: "unauthenticated",
  unknown: "invalid_api_key",
  revoked: "api_key_revoked",
  expired: "api_key_expired",
};

/**
 * The one wrapper every /api/v1 route goes through: API key, scope, rate limit, validation,
 * idempotency, and problem+json for every failure. The operation itself only does its work.
 */
export function route(op: AnyOperation) {
  return async (req: Request, ctx: NextCtx): Promise<Response> => {
    const locale = preferredLocale(req.headers.get("accept-language"));
    // The portal's public address, not the Host the request came in on: behind a proxy (and under
    // `next start`) that is an internal name, and links in answers must work for the caller.
    const origin = env().PORTAL_URL.replace(/\/$/, "");
    const fail = (f: Fail, headers: Record<string, string> = {}) =>
      problemResponse(
        {
          status: PROBLEM_CODES[f.code].status,
          code: f.code,
          messages: API_MESSAGES[f.code],
          locale,
          origin,
          extra: { errors: f.errors },
        },
        headers,
      );

    const auth = await authenticateApiKey(req.headers.get("authorization"));
    if (typeof auth === "string") return fail({ code: REFUSALS[auth] }, { "www-authenticate": 'Bearer realm="api"' });
    const rate = await takeApiRequest(auth.actor.apiKey.id, auth.rateLimit);
    if (!rate.ok) return fail({ code: "rate_limited" }, rate.headers);
    const withRate = (r: Response) => {
      for (const [k, v] of Object.entries(rate.headers)) r.headers.set(k, v);
      return r;
    };
    if (!auth.actor.apiKey.scopes.includes(op.scope))
      return withRate(fail({ code: "insufficient_scope", errors: [{ path: "scope", message: op.scope }] }));

    const t = translator(locale);
    const input = await parseInput(op, req, ctx, (issues) =>
      issues.map((i) => ({ path: i.path.join(".") || "_", message: t(i.message) })),
    );
    if ("fail" in input) return withRate(fail(input.fail));

    const context: ApiContext = { scope: auth, locale, origin };
    const run = () => runAs(`api:${auth.actor.apiKey.prefix}`, () => op.handle(input.value, context));
    const idemKey = req.headers.get("idempotency-key");
    if (op.method !== "POST" || idemKey === null) return withRate(await answer(run, locale, origin, op.fieldPaths));
    if (!IDEMPOTENCY_KEY.test(idemKey)) return withRate(fail({ code: "invalid_idempotency_key" }));

    const path = new URL(req.url).pathname;
    const begun = await beginIdempotent(
      auth.actor.apiKey.id,
      idemKey,
      op.method,
      path,
      requestFingerprint(op.method, path, input.rawBody),
    );
    if (begun.kind === "mismatch") return withRate(fail({ code: "idempotency_key_reused" }));
    if (begun.kind === "in_progress") return withRate(fail({ code: "idempotency_in_progress" }));
    if (begun.kind === "replay") {
      const r = json(begun.status, begun.body, { "idempotent-replayed": "true" });
      return withRate(r);
    }
    let result: ApiResult | Response;
    try {
      result = await settle(run, locale, origin, op.fieldPaths);
    } catch (err) {
      await releaseIdempotent(begun.id);
      throw err;
    }
    if (result instanceof Response) {
      // Our failures (5xx) may be retried with the same key; the client's own (4xx) are the answer.
      if (result.status >= 500) await releaseIdempotent(begun.id);
      else await completeIdempotent(begun.id, result.status, await result.clone().json());
      return withRate(result);
    }
    await completeIdempotent(begun.id, result.status, result.body);
    return withRate(json(result.status, result.body, result.headers));
  };
}

async function answer(
  run: () => Promise<ApiResult>,
  locale: "nb" | "en",
  origin: string,
  fieldPaths?: Record<string, string>,
) {
  const r = await settle(run, locale, origin, fieldPaths);
  return r instanceof Response ? r : json(r.status, r.body, r.headers);
}

/** The operation's result, or its AppError as a problem (anything else is a bug and propagates). */
async function settle(
  run: () => Promise<ApiResult>,
  locale: "nb" | "en",
  origin: string,
  fieldPaths?: Record<string, string>,
) {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const p = apiProblemOf(err, translator(locale), fieldPaths);
    return problemResponse({ ...p, locale, origin }, p.headers);
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  return Response.json(body, { status, headers });
}

type Issue = { path: PropertyKey[]; message: string };

async function parseInput(
  op: AnyOperation,
  req: Request,
  ctx: NextCtx,
  issues: (i: Issue[]) => { path: string; message: string }[],
): Promise<{ value: Parameters<AnyOperation["handle"]>[0]; rawBody: unknown } | { fail: Fail }> {
  const invalid = (list: Issue[]) => ({
    fail: { code: "invalid_request" as const, errors: issues(list) },
  });
  const parse = (schema: z.ZodObject | undefined, value: unknown, where: string) => {
    if (!schema) return { ok: true as const, data: {} };
    const r = schema.safeParse(value);
    return r.success
      ? { ok: true as const, data: r.data }
      : { ok: false as const, issues: r.error.issues.map((i) => ({ ...i, path: [where, ...i.path] })) };
  };
  const params = parse(op.params, await ctx.params, "path");
  if (!params.ok) return invalid(params.issues);
  const query = parse(op.query, Object.fromEntries(new URL(req.url).searchParams), "query");
  if (!query.ok) return invalid(query.issues);
  let rawBody: unknown = undefined;
  if (op.body) {
    if (!/^application\/(.+\+)?json\b/i.test(req.headers.get("content-type") ?? ""))
      return { fail: { code: "unsupported_media_type" } };
    // Capped while reading: a huge or endless body is stopped at the limit, never held in memory.
    const text = await readTextCapped(req, MAX_BODY_BYTES);
    if (!text.ok) return { fail: { code: text.reason === "too_large" ? "body_too_large" : "invalid_json" } };
    try {
      rawBody = JSON.parse(text.value);
    } catch {
      return { fail: { code: "invalid_json" } };
    }
    const r = op.body.safeParse(rawBody);
    if (!r.success) return invalid(r.error.issues.map((i: z.core.$ZodIssue) => ({ ...i, path: ["body", ...i.path] })));
    return { value: { params: params.data, query: query.data, body: r.data }, rawBody };
  }
  return { value: { params: params.data, query: query.data, body: undefined }, rawBody };
}

/** nb (or no, nn) first wins; anything else, and no header, gets English: API callers are programs. */
export function preferredLocale(header: string | null): "nb" | "en" {
  const tags = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = tags[0]?.tag ?? "en";
  return /^(nb|no|nn)\b/.test(first) ? "nb" : "en";
}
