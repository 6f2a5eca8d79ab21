import { AppError, type LocalizedText } from "@/lib/core/errors";
import { API_MESSAGES } from "@/lib/api/messages";
import type { Problem } from "@/lib/api/problem";
import { PROBLEM_CODES, isProblemCode, type ProblemCode } from "@/lib/api/problem-codes";

export type ApiProblem = {
  status: number;
  code: string;
  messages: LocalizedText;
  extra?: Partial<Pick<Problem, "errors" | "diagnosis" | "upstreamCode">>;
  headers?: Record<string, string>;
};
type FieldError = { path: string; message: string };
type Translate = (key: string) => string;

/** A bad cursor is the client's mistake (400), never a silent restart from the first page. */
export const invalidCursor = () => new AppError("invalid_cursor", PROBLEM_CODES.invalid_cursor.text, 400);

function fieldErrors(err: AppError, t: Translate, paths: Record<string, string>): FieldError[] | undefined {
  const fromFields = Object.entries(err.fieldErrors ?? {}).flatMap(([field, keys]) =>
    keys.map((key) => ({ path: `body.${paths[field] ?? field}`, message: t(key) })),
  );
  const issues = (err.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues ?? [];
  const fromZod = issues.map((i) => {
    const [head = "", ...rest] = i.path.map(String);
    return { path: ["body", paths[head] ?? head, ...rest].filter(Boolean).join("."), message: t(i.message) };
  });
  const all = [...fromFields, ...fromZod];
  return all.length > 0 ? all : undefined;
}

/** The HTTP status Altinn answered, when the error is Altinn's (lib/integrations/altinn/problems.ts). */
function altinnStatus(err: AppError): number | null {
  const c = err.cause as { status?: unknown; retryAfterMs?: unknown } | null | undefined;
  return typeof c === "object" && c !== null && "retryAfterMs" in c && typeof c.status === "number" ? c.status : null;
}

const MASKINPORTEN = /^(MP-|maskinporten_|clock_skew$|invalid_scope$|invalid_client$|invalid_grant$|http_\d{3}$)/;

// Altinn answers 400 for these, but each says the request clashes with what already exists (CONTRACT §7.2).
const ALTINN_CONFLICTS = new Set(["AUTH-00004", "AUTH-00006", "AUTH-00007", "AUTH-00008", "AUTH-00009"]);

function upstreamCode(err: AppError, altinn: number): ProblemCode {
  if (altinn === 401 || altinn === 403) return "altinn_access_denied";
  if (altinn === 429) return "altinn_busy";
  if (altinn === 409 || ALTINN_CONFLICTS.has(err.code)) return "altinn_conflict";
  if (altinn >= 500) return "altinn_error";
  return err.code === "AUTH-00011" ? "system_missing_in_altinn" : "altinn_validation";
}

const entry = (code: ProblemCode, messages: LocalizedText, extra?: ApiProblem["extra"]): ApiProblem => ({
  status: PROBLEM_CODES[code].status,
  code,
  messages,
  extra,
});

/**
 * What a domain AppError answers over the API: the domain's own stable code where it has one, Altinn's
 * and Maskinporten's folded into a few upstream codes (their code kept in `upstreamCode`), and the
 * status the code stands for (lib/api/problem-codes.ts), so a client can branch on either.
 */
export function apiProblemOf(err: AppError, t: Translate, paths: Record<string, string> = {}): ApiProblem {
  const own = err.extra as ApiProblem["extra"] | undefined;
  // An operation that built its own problem (e.g. the token broker's diagnosis) knows best.
  if (own) return { status: err.status, code: err.code, messages: err.userMessage, extra: own };
  if (err.code === "invalid_input")
    return entry("invalid_request", API_MESSAGES.invalid_request, { errors: fieldErrors(err, t, paths) });
  if (err.code === "forbidden") return entry("insufficient_scope", API_MESSAGES.insufficient_scope);
  if (err.code === "altinn_unreachable") return entry("altinn_unavailable", err.userMessage);
  const altinn = altinnStatus(err);
  if (altinn !== null) {
    const code = upstreamCode(err, altinn);
    const problem = entry(code, err.userMessage, {
      errors: fieldErrors(err, t, paths),
      ...(/^http_\d+$/.test(err.code) ? {} : { upstreamCode: err.code }),
    });
    const retryMs = (err.cause as { retryAfterMs?: number | null }).retryAfterMs;
    if (code === "altinn_busy") problem.headers = { "retry-after": String(Math.ceil((retryMs ?? 5_000) / 1000)) };
    return problem;
  }
  if (MASKINPORTEN.test(err.code)) return entry("maskinporten_error", err.userMessage, { upstreamCode: err.code });
  if (isProblemCode(err.code))
    return entry(err.code, err.userMessage, err.fieldErrors ? { errors: fieldErrors(err, t, paths) } : undefined);
  return { status: err.status, code: err.code, messages: err.userMessage };
}
