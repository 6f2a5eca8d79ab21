import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, API_CASES, isExempt, PROBES, ROUTES } from "./isolation-inventory";

// The isolation suite (test/suites/isolation.ts) proves each entry of the inventory; this test keeps the
// inventory complete, so a new [id] page, route, action or API operation cannot skip the proof.

const root = path.resolve(import.meta.dirname, "..");
const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(full) : [full];
  });
}

const appFiles = filesUnder(path.join(root, "app")).map(rel);
const isEntry = (f: string) => /\/(page\.tsx|route\.ts)$/.test(f);

describe("isolation inventory", () => {
  it("lists every page and route handler with a dynamic segment (the vendor API's by operation)", () => {
    const dynamic = appFiles.filter((f) => isEntry(f) && f.includes("[") && !f.startsWith("app/api/v1/"));
    expect(dynamic.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it("lists every server action", () => {
    const actions = appFiles
      .filter((f) => /\.tsx?$/.test(f) && /^["']use server["']/m.test(readFileSync(path.join(root, f), "utf8")))
      .flatMap((f) =>
        [...readFileSync(path.join(root, f), "utf8").matchAll(/^export (?:const|async function) (\w+)/gm)].map(
          (m) => `${f}#${m[1]}`,
        ),
      );
    expect(actions.sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it("lists every vendor API operation a route file serves", () => {
    const served = new Set(
      appFiles
        .filter((f) => f.startsWith("app/api/v1/") && f.endsWith("/route.ts"))
        .flatMap((f) => [...readFileSync(path.join(root, f), "utf8").matchAll(/route\((\w+Op)\)/g)].map((m) => m[1])),
    );
    expect([...served].sort()).toEqual(Object.keys(API_CASES).sort());
  });

  it("gives an operation under a path with {id} at least one case, never an exemption", () => {
    const withId = appFiles
      .filter((f) => f.startsWith("app/api/v1/") && f.includes("[id]") && f.endsWith("/route.ts"))
      .flatMap((f) => [...readFileSync(path.join(root, f), "utf8").matchAll(/route\((\w+Op)\)/g)].map((m) => m[1]));
    for (const op of withId) {
      const entry = op ? API_CASES[op] : undefined;
      expect(entry && !isExempt(entry) && entry.length > 0, `${op} takes an id`).toBe(true);
    }
  });

  it("uses every probe somewhere, and exempts only with a reason", () => {
    const used = new Set(
      [...Object.values(ROUTES), ...Object.values(ACTIONS)].flatMap((e) => (isExempt(e) ? [] : [...e])),
    );
    expect(PROBES.filter((p) => !used.has(p))).toEqual([]);
    for (const e of [...Object.values(ROUTES), ...Object.values(ACTIONS), ...Object.values(API_CASES)])
      if (isExempt(e)) expect(e.exempt.length).toBeGreaterThan(10);
  });
});
