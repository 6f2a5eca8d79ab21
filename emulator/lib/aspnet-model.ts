// Mimics ASP.NET Core's JSON model binding as configured in Altinn's AuthenticationHost:
// case-insensitive property names, string inputs trimmed (TrimStringsActionFilter), and the
// default ValidationProblemDetails body when binding fails.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Ctx } from "./router";
import { mediaType, readText, sendProblemJson } from "./http";

export function traceId(): string {
  return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`;
}

/** An object schema whose property names are matched case-insensitively, like System.Text.Json web defaults. */
export function ciObject<S extends z.ZodRawShape>(shape: S) {
  const canonical = new Map(Object.keys(shape).map((k) => [k.toLowerCase(), k]));
  return z.preprocess((input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) out[canonical.get(key.toLowerCase()) ?? key] = value;
    return out;
  }, z.object(shape));
}

export function trimStrings(value: unknown): unknown {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimStrings(v)]));
  }
  return value;
}

export function sendModelErrors(ctx: Ctx, errors: Record<string, string[]>): void {
  sendProblemJson(ctx.res, 400, {
    type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    title: "One or more validation errors occurred.",
    status: 400,
    errors,
    traceId: traceId(),
  });
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function issuesToErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const last = issue.path[issue.path.length - 1];
    const missing = issue.code === "invalid_type" && (issue.input === undefined || issue.input === null);
    const key = missing && typeof last === "string" ? pascal(last) : ["$", ...issue.path.map(String)].join(".");
    const message =
      missing && typeof last === "string"
        ? `The ${pascal(last)} field is required.`
        : `The JSON value could not be converted at ${key}.`;
    (errors[key] ??= []).push(message);
  }
  return errors;
}

/** Reads and binds a JSON body; on failure sends the ASP.NET error response and returns null. */
export async function bindJson<S extends z.ZodType>(ctx: Ctx, schema: S, argName: string): Promise<z.output<S> | null> {
  const type = mediaType(ctx.req);
  if (type !== "application/json" && !type.endsWith("+json")) {
    sendProblemJson(ctx.res, 415, {
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
      title: "Unsupported Media Type",
      status: 415,
      traceId: traceId(),
    });
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readText(ctx.req));
  } catch {
    sendModelErrors(ctx, { $: ["The JSON value is not valid."], [argName]: [`The ${argName} field is required.`] });
    return null;
  }
  const parsed = schema.safeParse(trimStrings(raw), { reportInput: true });
  if (!parsed.success) {
    sendModelErrors(ctx, issuesToErrors(parsed.error.issues));
    return null;
  }
  return parsed.data;
}

const GUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** Parses a route GUID the way .NET's Guid binder does; null means "not a GUID". */
export function parseGuid(value: string): string | null {
  const m = GUID.exec(value);
  if (!m) return null;
  return m.slice(1, 6).join("-").toLowerCase();
}
