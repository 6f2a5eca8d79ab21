import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { start } from "./helpers";

let emu: RunningEmulator;
const GENERAL = "7e2a3af8-08cb-43a9-bdd7-7d5c7e377145";
const TAX_AREA = "7d32591d-34b7-4afc-8afa-013722f8c05d";
const TAX_BASE = "4c859601-9b2b-4662-af39-846f4117ad7a";

beforeAll(async () => {
  emu = await start();
});
afterAll(async () => emu.close());

function get(path: string, lang?: string): Promise<Response> {
  return fetch(`${emu.url}/accessmanagement/api/v1/meta/info/accesspackages/${path}`, {
    headers: lang ? { "accept-language": lang } : {},
  });
}

async function body(res: Response): Promise<unknown> {
  expect(res.status).toBe(200);
  return res.json();
}

describe("access-package metadata API", () => {
  it("exports the whole hierarchy anonymously", async () => {
    const groups = await body(await get("export"));
    if (!Array.isArray(groups)) throw new Error("expected a list");
    expect(groups).toHaveLength(5);
    expect(groups[0]).toMatchObject({
      id: GENERAL,
      name: "Allment",
      description: "Standard gruppe",
      type: "Organisasjon",
    });
    expect(groups[0]).not.toHaveProperty("urn");
    const packages = groups.flatMap((g: { areas: { packages: unknown[] }[] }) => g.areas.flatMap((a) => a.packages));
    expect(packages).toHaveLength(223);
  });

  it("lists groups ordered by name in the requested language", async () => {
    const nb = await body(await get("group/"));
    expect(Array.isArray(nb) && nb.map((g: { name: string }) => g.name)).toEqual([
      "Allment",
      "Bransje",
      "Innbygger",
      "Særskilt",
      "Vergemål",
    ]);
    const en = await body(await get("group", "en-GB,en;q=0.9"));
    expect(Array.isArray(en) && en.map((g: { name: string }) => g.name)).toEqual([
      "General",
      "Guardianship",
      "Industry",
      "Inhabitant",
      "Special",
    ]);
  });

  it("serves one group, its areas, one area and its packages", async () => {
    expect(await body(await get(`group/${GENERAL}`, "nn"))).toMatchObject({ id: GENERAL, name: "Allment" });
    const areas = await body(await get(`group/${GENERAL}/areas`));
    expect(Array.isArray(areas) && areas[0]).toMatchObject({
      id: TAX_AREA,
      urn: "accesspackage:area:skatt_avgift_regnskap_og_toll",
      name: "Skatt, avgift, regnskap og toll",
    });
    expect(await body(await get(`area/${TAX_AREA}`, "nn"))).toMatchObject({
      name: "Skatt, avgift, rekneskap og toll",
      group: { id: GENERAL },
    });
    const pkgs = await body(await get(`area/${TAX_AREA}/packages`));
    expect(Array.isArray(pkgs) && pkgs.length).toBe(12);
  });

  it("serves a PackageDto by id and by URN suffix, case-insensitively", async () => {
    const byId = await body(await get(`package/${TAX_BASE}`, "en"));
    expect(byId).toMatchObject({
      id: TAX_BASE,
      urn: "urn:altinn:accesspackage:skattegrunnlag",
      name: "Tax base",
      isDelegable: true,
      isAssignable: true,
      isResourcePolicyAvailable: true,
      area: { id: TAX_AREA, name: "Taxes, Fees, Accounting and Customs" },
      type: { id: "8c216e2f-afdd-4234-9ba2-691c727bb33d", name: "Organization" },
      resources: [expect.objectContaining({ id: "ske-skattegrunnlag" })],
    });
    expect(await body(await get("package/urn/SKATTEGRUNNLAG"))).toMatchObject({ id: TAX_BASE, name: "Skattegrunnlag" });
    expect(await body(await get("package/urn/urn:altinn:accesspackage:skattegrunnlag"))).toMatchObject({
      id: TAX_BASE,
    });
    // "lonn" ends both lonn and regnskapsforer-lonn: not unique.
    expect((await get("package/urn/lonn")).status).toBe(404);
    expect((await get("package/urn/finnes-ikke")).status).toBe(404);
  });

  it("lists the resources a package grants", async () => {
    const resources = await body(await get(`package/${TAX_BASE}/resources`));
    expect(resources).toEqual([
      expect.objectContaining({ id: "ske-skattegrunnlag", refId: "ske-skattegrunnlag", name: "Skattegrunnlag" }),
    ]);
  });

  it("answers 404 for unknown ids and 400 for non-GUID ids", async () => {
    const unknown = "00000000-0000-0000-0000-000000000000";
    for (const path of [
      `group/${unknown}`,
      `group/${unknown}/areas`,
      `area/${unknown}`,
      `area/${unknown}/packages`,
      `package/${unknown}`,
      `package/${unknown}/resources`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toBe("");
    }
    const bad = await get("package/not-a-guid");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: { id: ["The value 'not-a-guid' is not valid."] } });
  });

  it("searches names and descriptions, 204 when nothing matches", async () => {
    const hits = await body(await get("search?term=skattegrunnlag"));
    if (!Array.isArray(hits)) throw new Error("expected a list");
    expect(hits[0]).toMatchObject({
      object: { urn: "urn:altinn:accesspackage:skattegrunnlag" },
      fields: expect.arrayContaining([expect.objectContaining({ field: "name" })]),
    });
    const none = await get("search?term=qwertyuiop");
    expect(none.status).toBe(204);
    expect(await none.text()).toBe("");
    const persons = await body(await get("search?term=skatt&typeName=Person"));
    expect(
      Array.isArray(persons) &&
        persons.every((h: { object: { type: { name: string } } }) => h.object.type.name === "Person"),
    ).toBe(true);
  });
});
