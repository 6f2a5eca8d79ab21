import { z } from "zod";
import type { LocalizedText } from "@/lib/core/errors";

/**
 * RFC 9457 problem details. `code` is ours and stable (clients branch on it); `type` points at its
 * explanation in the API reference; `detail` is in the caller's language (Accept-Language nb or en)
 * and `messages` carries both, so an ERP can show the customer's own language.
 */
export const ProblemSchema = z
  .object({
    type: z.string().describe("A URI naming the kind of problem; it resolves to its entry in the API reference."),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe("Stable machine-readable code, e.g. `not_found`, `insufficient_scope`."),
    messages: z.object({ nb: z.string(), en: z.string() }).optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("For `invalid_request`: each field that was refused and why."),
    diagnosis: z
      .object({ cause: z.string(), detail: z.string() })
      .optional()
      .describe("For `no_system_user` and `token_refused`: the token doctor's reading of why."),
    upstreamCode: z
      .string()
      .optional()
      .describe("For problems from Altinn or Maskinporten: their own code, e.g. `AUTH.VLD-00005`, `MP-100`."),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export type ProblemInit = {
  status: number;
  code: string;
  messages: LocalizedText;
  locale: "nb" | "en";
  origin: string;
  extra?: Partial<Pick<Problem, "errors" | "diagnosis" | "upstreamCode">>;
};

export function problem(p: ProblemInit): Problem {
  return {
    type: `${p.origin}/api-docs#problem-${p.code}`,
    title: TITLES[p.status] ?? "Error",
    status: p.status,
    detail: p.messages[p.locale],
    code: p.code,
    messages: p.messages,
    ...p.extra,
  };
}

export function problemResponse(p: ProblemInit, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem(p)), {
    status: p.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}
