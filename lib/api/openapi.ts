import "server-only";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { API_SCOPE_PERMISSIONS } from "@/lib/auth/api-scopes";
import type { AnyOperation } from "@/lib/api/operation";
import { ProblemSchema } from "@/lib/api/problem";
import { OPERATIONS } from "@/lib/api/v1/index";

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

const COMMON_PROBLEMS: Record<number, string> = {
  400: "The request was refused as it stands (`invalid_request`, `invalid_json`, …).",
  401: "No API key, or an unknown, revoked or expired one.",
  403: "The key lacks the operation's scope (`insufficient_scope`).",
  404: "Not found in the key's environment.",
  409: "Conflicts with the current state, or the same Idempotency-Key is in progress.",
  422: "The Idempotency-Key was used with another body, or Altinn refused the content.",
  429: "Rate limited: wait for Retry-After.",
  502: "Altinn or Maskinporten did not answer as expected; safe to retry.",
};

const IdempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .max(255)
    .optional()
    .describe("Makes a retried POST safe: the same key and body give the same answer for 24 hours."),
});

function toOperation(op: AnyOperation): ZodOpenApiOperationObject {
  const problems = [...new Set([400, 401, 403, 429, ...(op.problems ?? [])])].sort();
  const ok = op.response.schema
    ? { description: op.response.description, content: { "application/json": { schema: op.response.schema } } }
    : { description: op.response.description };
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, `Requires scope \`${op.scope}\`.`].filter(Boolean).join("\n\n"),
    tags: [op.tag],
    security: [{ apiKey: [] }],
    requestParams: {
      ...(op.params ? { path: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.method === "POST" ? { header: IdempotencyHeader } : {}),
    },
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    responses: {
      [String(op.response.status)]: ok,
      ...Object.fromEntries(problems.map((s) => [String(s), problemResponse(COMMON_PROBLEMS[s] ?? "Problem.")])),
    },
  };
}

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
  });
  return cached;
}
