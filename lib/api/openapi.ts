import "server-only";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { API_SCOPE_PERMISSIONS } from "@/lib/auth/api-scopes";
import type { AnyOperation } from "@/lib/api/operation";
import { ProblemSchema } from "@/lib/api/problem";
import { PROBLEM_CODES, type ProblemCode } from "@/lib/api/problem-codes";
import { OPERATIONS } from "@/lib/api/v1/index";

const problemResponse = (description: string, codes: string[]) => ({
  description: codes.length ? `${description} Codes: ${codes.map((c) => `\`${c}\``).join(", ")}.` : description,
  content: { "application/problem+json": { schema: ProblemSchema } },
  ...(codes.length ? { "x-problem-codes": codes } : {}),
});

const COMMON_PROBLEMS: Record<number, string> = {
  400: "The request was refused as it stands.",
  401: "No API key, or an unknown, revoked or expired one.",
  403: "The key lacks the operation's scope.",
  404: "Not found in the key's environment.",
  409: "Conflicts with the current state, or the same Idempotency-Key is in progress.",
  413: "The body is larger than 256 KiB.",
  415: "The body is not sent as JSON.",
  422: "Well-formed, but refused: by the portal, by Altinn, or an Idempotency-Key reused with another body.",
  429: "Rate limited: wait for Retry-After.",
  502: "Altinn or Maskinporten did not answer as expected; safe to retry.",
  503: "Altinn asks us to wait, or the environment cannot sign in to Maskinporten.",
};

/** Every code an operation may answer with: the transport's (by what the operation takes) and its own. */
function problemCodes(op: AnyOperation): Map<number, string[]> {
  const codes: (number | ProblemCode)[] = [
    "invalid_request",
    "unauthenticated",
    "invalid_api_key",
    "api_key_revoked",
    "api_key_expired",
    "insufficient_scope",
    "rate_limited",
    ...(op.body ? (["invalid_json", "unsupported_media_type", "body_too_large"] as const) : []),
    ...(op.method === "POST"
      ? (["invalid_idempotency_key", "idempotency_key_reused", "idempotency_in_progress"] as const)
      : []),
    ...(op.problems ?? []),
  ];
  const byStatus = new Map<number, string[]>();
  for (const c of codes) {
    const status = typeof c === "number" ? c : PROBLEM_CODES[c].status;
    const list = byStatus.get(status) ?? [];
    if (typeof c === "string" && !list.includes(c)) list.push(c);
    byStatus.set(status, list);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

const IdempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .max(255)
    .optional()
    .describe("Makes a retried POST safe: the same key and body give the same answer for 24 hours."),
});

function toOperation(op: AnyOperation): ZodOpenApiOperationObject {
  const success = (description: string) =>
    op.response.schema
      ? { description, content: { "application/json": { schema: op.response.schema } } }
      : { description };
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, `Requires scope \`${op.scope}\`.`].filter(Boolean).join("\n\n"),
    tags: [op.tag],
    // OpenAPI 3.1 lets a non-OAuth scheme name the roles it needs: here, the key's scope.
    security: [{ apiKey: [op.scope] }],
    "x-scope": op.scope,
    requestParams: {
      ...(op.params ? { path: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.method === "POST" ? { header: IdempotencyHeader } : {}),
    },
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    responses: {
      [String(op.response.status)]: success(op.response.description),
      ...Object.fromEntries((op.response.also ?? []).map((a) => [String(a.status), success(a.description)])),
      ...Object.fromEntries(
        [...problemCodes(op)].map(([s, codes]) => [
          String(s),
          problemResponse(COMMON_PROBLEMS[s] ?? "Problem.", codes),
        ]),
      ),
    },
  };
}

/** The catalog of stable problem codes, for clients and for the reference page's Problems section. */
const problemCatalog = () =>
  Object.entries(PROBLEM_CODES)
    .map(([code, p]) => ({ code, status: p.status, title: p.text.en, titleNb: p.text.nb }))
    .sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));

let cached: ReturnType<typeof createDocument> | undefined;

/** Generated from the operations themselves: the schemas that validate requests are the ones documented. */
export function openApiDocument() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, ZodOpenApiOperationObject>)[op.method.toLowerCase()] = toOperation(op);
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Systembruker Portal API",
      version: "1.0.0",
      description:
        "The vendor API: systems, customers, system user requests, onboarding links, system users, events, webhooks and system-user tokens, per environment. Authenticate with an API key as `Authorization: Bearer sbp_…`; a key acts only in its own environment. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: `API key. Scopes: ${Object.keys(API_SCOPE_PERMISSIONS).join(", ")}.`,
        },
      },
    },
    paths,
    "x-problem-codes": problemCatalog(),
  });
  return cached;
}
