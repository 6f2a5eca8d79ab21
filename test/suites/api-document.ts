import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { operations } from "../api-client";

type Json = Record<string, unknown>;

/** Every `$ref` anywhere in the document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  return out;
}

/** The document clients get, and the one the reference page renders. */
export function apiDocumentTests(_ref: PortalRef) {
  it("is served as OpenAPI 3.1 with every operation, every $ref resolving and every path parameter declared", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const res = GET();
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Json & { paths: Record<string, Record<string, Json>>; components: Json };
    expect(doc.openapi).toBe("3.1.0");

    const { OPERATIONS } = await operations();
    expect(new Set(OPERATIONS.map((o) => o.operationId)).size).toBe(OPERATIONS.length);
    for (const op of OPERATIONS) {
      const documented = doc.paths[op.path]?.[op.method.toLowerCase()];
      expect(documented, `${op.method} ${op.path}`).toMatchObject({ operationId: op.operationId, "x-scope": op.scope });
    }
    const documentedCount = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(documentedCount).toBe(OPERATIONS.length);

    for (const target of refs(doc)) {
      const path = target.replace(/^#\//, "").split("/");
      const resolved = path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
      expect(resolved, target).toBeTruthy();
    }

    for (const [path, methods] of Object.entries(doc.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(methods)) {
        const params = (op.parameters as { in: string; name: string; required?: boolean }[] | undefined) ?? [];
        const inPath = params.filter((p) => p.in === "path");
        expect(inPath.map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated);
        expect(inPath.every((p) => p.required === true)).toBe(true);
      }
    }

    // Every code an operation names is in the catalog the reference page lists (#problem-<code>).
    const catalog = new Set((doc["x-problem-codes"] as { code: string }[]).map((p) => p.code));
    for (const methods of Object.values(doc.paths))
      for (const op of Object.values(methods))
        for (const r of Object.values(op.responses as Record<string, Json>))
          for (const code of (r["x-problem-codes"] as string[] | undefined) ?? []) expect(catalog).toContain(code);
  });

  it("is what the reference page renders: every operation under its tag, every problem code", async () => {
    const { apiReference } = await import("@/lib/api/reference");
    const { OPERATIONS } = await operations();
    const ref = apiReference();
    expect(ref.groups.flatMap((g) => g.operations.map((o) => o.id)).sort()).toEqual(
      OPERATIONS.map((o) => o.operationId).sort(),
    );
    expect(ref.groups.map((g) => g.tag)).toContain("Requests");
    expect(ref.problems.map((p) => p.code)).toEqual(expect.arrayContaining(["not_found", "idempotency_key_reused"]));
  });
}
