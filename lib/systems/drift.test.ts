import { describe, expect, it } from "vitest";
import { diffSystem, type PortalRow } from "./drift";
import { altinnSystemSchema, applyPortalFields } from "@/lib/integrations/altinn/system-model";

const ALTINN = altinnSystemSchema.parse({
  id: "991825827_x",
  vendor: { ID: "0192:991825827" },
  name: { nb: "Lønn", nn: "Løn", en: "Payroll" },
  description: { nb: "B", nn: "B", en: "D" },
  rights: [{ resource: [{ id: "urn:altinn:resource", value: "ske-krav-og-betalinger" }] }],
  accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }, { urn: "urn:altinn:accesspackage:lonn" }],
  clientId: ["c1"],
  allowedRedirectUrls: ["https://a.example/cb"],
  isVisible: false,
  isDeleted: false,
  extraFromAnotherTool: { keep: true },
});

const PORTAL: PortalRow = {
  name: { nb: "Lønn", nn: "Løn", en: "Payroll" },
  description: { nb: "B", nn: "B", en: "D" },
  accessPackages: ["urn:altinn:accesspackage:lonn", "urn:altinn:accesspackage:skattegrunnlag"],
  rights: ["ske-krav-og-betalinger"],
  clientIds: ["c1"],
  redirectUrls: ["https://a.example/cb"],
  isVisible: false,
  deletedAt: null,
};

const differing = (p: PortalRow) =>
  diffSystem(p, ALTINN)
    .filter((r) => r.differs)
    .map((r) => r.field);

describe("diffSystem", () => {
  it("finds no drift when only list order differs", () => {
    expect(differing(PORTAL)).toEqual([]);
    expect(diffSystem(PORTAL, ALTINN)).toHaveLength(12);
  });

  it("names every field that differs, with both values", () => {
    const drifted: PortalRow = {
      ...PORTAL,
      name: { ...PORTAL.name, en: "Pay" },
      rights: [],
      clientIds: [],
      redirectUrls: ["https://b.example/cb"],
      isVisible: true,
      deletedAt: new Date(),
    };
    expect(differing(drifted)).toEqual(["name.en", "rights", "clientIds", "redirectUrls", "isVisible", "deleted"]);
    expect(diffSystem(drifted, ALTINN).find((r) => r.field === "name.en")).toEqual({
      field: "name.en",
      portal: "Pay",
      altinn: "Payroll",
      differs: true,
    });
  });

  it("sees a package or description change and a deletion in Altinn", () => {
    const gone = altinnSystemSchema.parse({
      ...ALTINN,
      isDeleted: true,
      accessPackages: [{ urn: "urn:altinn:accesspackage:lonn" }],
      description: { nb: "Ny", nn: "B", en: "D" },
    });
    expect(
      diffSystem(PORTAL, gone)
        .filter((r) => r.differs)
        .map((r) => r.field),
    ).toEqual(["description.nb", "accessPackages", "deleted"]);
  });
});

describe("applyPortalFields (whole-replace PUT body)", () => {
  const fields = {
    name: { nb: "Ny", nn: "Ny", en: "New" },
    description: PORTAL.description,
    accessPackages: ["urn:altinn:accesspackage:lonn"],
    clientIds: ["c2"],
    redirectUrls: ["https://c.example/cb"],
    isVisible: true,
  };

  it("changes only the portal's fields and keeps rights and unknown properties", () => {
    const body = applyPortalFields(ALTINN, fields);
    expect(body).toMatchObject({
      id: "991825827_x",
      vendor: { authority: "iso6523-actorid-upis", ID: "0192:991825827" },
      name: fields.name,
      rights: ALTINN.rights,
      accessPackages: [{ urn: "urn:altinn:accesspackage:lonn" }],
      clientId: ["c2"],
      allowedRedirectUrls: ["https://c.example/cb"],
      isVisible: true,
      extraFromAnotherTool: { keep: true },
    });
    expect(body).not.toHaveProperty("isDeleted");
  });

  it("keeps name languages the portal does not edit", () => {
    const withSami = altinnSystemSchema.parse({ ...ALTINN, name: { ...ALTINN.name, se: "Bálká" } });
    expect(applyPortalFields(withSami, fields).name).toEqual({ ...fields.name, se: "Bálká" });
  });

  it("replaces rights only when asked to, keeping Altinn's object for rights that stay", () => {
    const body = applyPortalFields(ALTINN, { ...fields, rights: ["ske-krav-og-betalinger", "ske-mva-melding"] });
    expect(body.rights).toEqual([
      ALTINN.rights[0],
      { resource: [{ id: "urn:altinn:resource", value: "ske-mva-melding" }] },
    ]);
  });
});
