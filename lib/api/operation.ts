import type { z } from "zod";
import type { ProblemCode } from "@/lib/api/problem-codes";
import type { ApiScope } from "@/lib/auth/api-scopes";
import type { Actor } from "@/lib/auth/actor";
import type { EnvironmentView } from "@/lib/environments/types";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type AnyObject = z.ZodObject;

export type ApiContext = {
  scope: { actor: Actor & { apiKey: NonNullable<Actor["apiKey"]> }; environment: EnvironmentView };
  locale: "nb" | "en";
  /** The portal's own origin as the caller sees it (for links in answers). */
  origin: string;
};

export type ApiResult = { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * One API operation: what it accepts and answers (zod schemas, which both validate requests and
 * generate the OpenAPI document) and what it does. Routes are one line each: `export const POST = route(op)`.
 */
export type Operation<
  P extends AnyObject | undefined,
  Q extends AnyObject | undefined,
  B extends z.ZodType | undefined,
> = {
  method: Method;
  /** OpenAPI path below /api/v1, e.g. `/requests/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  scope: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  response: {
    status: 200 | 201 | 204;
    description: string;
    schema?: z.ZodType;
    /** Other success statuses answering the same schema (e.g. 200 when a create found what it would make). */
    also?: { status: 200 | 201; description: string }[];
  };
  /**
   * Problems worth documenting beyond 400/401/403/429: stable codes (lib/api/problem-codes.ts), which
   * the document lists under their status, or bare statuses.
   */
  problems?: (number | ProblemCode)[];
  /** The domain's (the portal form's) field names as this operation's body paths, for `errors[].path`. */
  fieldPaths?: Record<string, string>;
  // Method syntax on purpose: its parameter is checked bivariantly, so every operation is an AnyOperation
  // (the wrapper hands `handle` exactly what the operation's own schemas parsed).
  handle(
    input: {
      params: P extends AnyObject ? z.infer<P> : Record<string, never>;
      query: Q extends AnyObject ? z.infer<Q> : Record<string, never>;
      body: B extends z.ZodType ? z.infer<B> : undefined;
    },
    ctx: ApiContext,
  ): Promise<ApiResult>;
};

/** Any operation, for the wrapper, the list and the document. */
export type AnyOperation = Operation<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>;

export function defineOperation<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(op: Operation<P, Q, B>): Operation<P, Q, B> {
  return op;
}

export const ok = (body: unknown, headers?: Record<string, string>): ApiResult => ({ status: 200, body, headers });
export const created = (body: unknown, location?: string): ApiResult => ({
  status: 201,
  body,
  headers: location ? { location } : undefined,
});
export const noContent = (): ApiResult => ({ status: 204 });
