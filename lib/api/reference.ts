import "server-only";
import { z } from "zod";
import { openApiDocument } from "@/lib/api/openapi";

// The API reference page reads the same OpenAPI document clients get (GET /api/v1/openapi.json), so the
// page cannot describe an API other than the one served. Parsed here into what the page shows.

export type JsonSchema = Record<string, unknown>;
const schema = z.record(z.string(), z.unknown());

const parameter = z.object({
  in: z.string(),
  name: z.string(),
  required: z.boolean().optional(),
  description: z.string().optional(),
  schema: schema.optional(),
});
const response = z
  .object({
    description: z.string(),
    content: z.record(z.string(), z.object({ schema: schema.optional() })).optional(),
    "x-problem-codes": z.array(z.string()).optional(),
  })
  .loose();
const operation = z
  .object({
    operationId: z.string(),
    summary: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()),
    "x-scope": z.string(),
    parameters: z.array(parameter).optional(),
    requestBody: z.object({ content: z.record(z.string(), z.object({ schema: schema.optional() })) }).optional(),
    responses: z.record(z.string(), response),
  })
  .loose();
const document = z
  .object({
    info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }).loose(),
    paths: z.record(z.string(), z.record(z.string(), operation)),
    components: z
      .object({ schemas: z.record(z.string(), schema).optional() })
      .loose()
      .optional(),
    "x-problem-codes": z.array(
      z.object({ code: z.string(), status: z.number(), title: z.string(), titleNb: z.string() }),
    ),
  })
  .loose();

export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string;
  parameters: z.infer<typeof parameter>[];
  body: JsonSchema | null;
  responses: { status: string; description: string; schema: JsonSchema | null; codes: string[] }[];
};

const firstSchema = (content: Record<string, { schema?: JsonSchema }> | undefined) =>
  Object.values(content ?? {})[0]?.schema ?? null;

/** The document as the page shows it: operations grouped by tag (in the document's order), schemas, problems. */
export function apiReference() {
  // A JSON round trip first: the generator's objects may hold undefined and class instances.
  const doc = document.parse(JSON.parse(JSON.stringify(openApiDocument())));
  const groups = new Map<string, ReferenceOperation[]>();
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? "API";
      const list = groups.get(tag) ?? [];
      list.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        // The scope has its own line on the page.
        description: (op.description ?? "").replace(/\n*Requires scope `[^`]+`\.$/, ""),
        scope: op["x-scope"],
        parameters: op.parameters ?? [],
        body: firstSchema(op.requestBody?.content),
        responses: Object.entries(op.responses).map(([status, r]) => ({
          status,
          description: r.description,
          schema: status.startsWith("2") ? firstSchema(r.content) : null,
          codes: r["x-problem-codes"] ?? [],
        })),
      });
      groups.set(tag, list);
    }
  return {
    info: doc.info,
    groups: [...groups].map(([tag, operations]) => ({ tag, operations })),
    schemas: doc.components?.schemas ?? {},
    problems: doc["x-problem-codes"],
  };
}
export type ApiReference = ReturnType<typeof apiReference>;

/** `#/components/schemas/Name` → `Name`. */
export const refName = (s: JsonSchema): string | null =>
  typeof s.$ref === "string" ? (s.$ref.split("/").at(-1) ?? null) : null;

/** A short, readable type: `string (date-time)`, `array of Request`, `"a" | "b"`, `string | null`. */
export function typeLabel(s: JsonSchema): string {
  const ref = refName(s);
  if (ref) return ref;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in s) return JSON.stringify(s.const);
  const union = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null) as JsonSchema[] | null;
  if (union) return union.map(typeLabel).join(" | ");
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === "string" ? [s.type] : [];
  return (
    types
      .map((t) => {
        if (t === "array" && s.items && typeof s.items === "object")
          return `array of ${typeLabel(s.items as JsonSchema)}`;
        if (t === "string" && typeof s.format === "string") return `string (${s.format})`;
        if (t === "object" && s.additionalProperties && typeof s.additionalProperties === "object")
          return `map of ${typeLabel(s.additionalProperties as JsonSchema)}`;
        return t;
      })
      .join(" | ") || "any"
  );
}

/** Limits worth reading next to the description: default, bounds, pattern. */
export function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  if ("default" in s) out.push(`default ${JSON.stringify(s.default)}`);
  const pairs: [string, string][] = [
    ["minLength", "min length"],
    ["maxLength", "max length"],
    ["minItems", "min items"],
    ["maxItems", "max items"],
    ["minimum", "min"],
    ["maximum", "max"],
  ];
  for (const [key, label] of pairs)
    if (typeof s[key] === "number" && Math.abs(s[key]) < Number.MAX_SAFE_INTEGER) out.push(`${label} ${s[key]}`);
  // A format (uuid, date-time) already says what its generated pattern spells out.
  if (typeof s.pattern === "string" && typeof s.format !== "string") out.push(`pattern ${s.pattern}`);
  return out;
}

/** The properties of an object schema (inline ones; a `$ref` is shown as a link instead). */
export function properties(s: JsonSchema): { name: string; schema: JsonSchema; required: boolean }[] {
  const props = s.properties && typeof s.properties === "object" ? (s.properties as Record<string, JsonSchema>) : {};
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  return Object.entries(props).map(([name, schema]) => ({ name, schema, required: required.includes(name) }));
}
