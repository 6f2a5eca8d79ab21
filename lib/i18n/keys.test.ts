import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nb } from "@/lib/i18n/nb";
import { en } from "@/lib/i18n/en";

// The types check that en has every nb key; these tests also catch what the types let through:
// an extra key in one language, a key defined in two areas (the later spread silently wins),
// and a {placeholder} that one language forgot.

const sorted = (dict: object) => Object.keys(dict).sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

type Area = { file: string; nb: Record<string, string>; en: Record<string, string> };

async function loadAreas(): Promise<Area[]> {
  const dir = path.join(import.meta.dirname, "areas");
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -".ts".length));
  return Promise.all(
    names.map(async (file) => {
      const mod = (await import(`./areas/${file}.ts`)) as Record<string, Record<string, string>>;
      const pick = (suffix: string) => Object.entries(mod).find(([name]) => name.endsWith(suffix))?.[1] ?? {};
      return { file, nb: pick("Nb"), en: pick("En") };
    }),
  );
}

describe("i18n dictionaries", () => {
  it("nb and en have exactly the same keys", () => {
    expect(sorted(en)).toEqual(sorted(nb));
  });

  it("every area file has exactly the same keys in both languages", async () => {
    const areas = await loadAreas();
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) {
      expect(Object.keys(area.nb).length, `${area.file} exports no bokmål texts`).toBeGreaterThan(0);
      expect(sorted(area.en), area.file).toEqual(sorted(area.nb));
    }
  });

  it("no key is defined in two areas", async () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const area of await loadAreas())
      for (const key of Object.keys(area.nb)) {
        const first = seen.get(key);
        if (first) twice.push(`${key} (${first}, ${area.file})`);
        seen.set(key, area.file);
      }
    expect(twice).toEqual([]);
  });

  it("no area text is overridden by a later area or by nb.ts/en.ts itself", async () => {
    const overridden: string[] = [];
    for (const area of await loadAreas())
      for (const [lang, texts, dict] of [
        ["nb", area.nb, nb],
        ["en", area.en, en],
      ] as const)
        for (const [key, text] of Object.entries(texts))
          if (dict[key as keyof typeof dict] !== text) overridden.push(`${lang} ${key} (${area.file})`);
    expect(overridden).toEqual([]);
  });

  it("every text has the same placeholders in both languages", () => {
    const differing = sorted(nb).filter(
      (key) => placeholders(nb[key as keyof typeof nb]).join() !== placeholders(en[key as keyof typeof en]).join(),
    );
    expect(differing).toEqual([]);
  });

  it("no text is empty", () => {
    const empty = [...Object.entries(nb), ...Object.entries(en)].filter(([, text]) => text.trim() === "");
    expect(empty).toEqual([]);
  });
});
