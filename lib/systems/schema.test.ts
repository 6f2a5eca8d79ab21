import { describe, expect, it } from "vitest";
import { createSystemSchema, editSystemSchema, deleteSystemSchema } from "./schema";

// (a) of the VLD proof: the rules the form checks before anything is sent, each at the field the
// Altinn code lands at (lib/integrations/altinn/vld-fields.ts).
const EDIT = {
  id: "0b6b5b8e-5a55-4a43-9b0c-3b7e2b5d1c11",
  nameNb: "Lønn",
  nameNn: "Løn",
  nameEn: "Payroll",
  descriptionNb: "B",
  descriptionNn: "B",
  descriptionEn: "D",
  accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
  redirectUrls: "https://a.example/cb\nhttp://127.0.0.1:3000/onboard/callback",
  clientIds: "c1 c2",
  isVisible: false,
};

function fieldErrors(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, string[]> = {};
  for (const i of r.error?.issues ?? []) (out[String(i.path[0])] ??= []).push(i.message);
  return out;
}

describe("editSystemSchema", () => {
  it("accepts a valid edit and splits the lists", () => {
    const r = editSystemSchema.safeParse(EDIT);
    expect(r.success && r.data).toMatchObject({
      redirectUrls: ["https://a.example/cb", "http://127.0.0.1:3000/onboard/callback"],
      clientIds: ["c1", "c2"],
    });
  });

  it("AUTH.VLD-00005: a redirect URL that is not absolute https is refused at redirectUrls", () => {
    for (const url of ["http://vendor.example/cb", "vendor.example/cb", "ftp://x.example/"]) {
      expect(
        fieldErrors(editSystemSchema.safeParse({ ...EDIT, redirectUrls: `https://ok.example/cb\n${url}` })),
      ).toEqual({ redirectUrls: ["sysreg.vld.00005"] });
    }
  });

  it("AUTH.VLD-00007: a package chosen twice is refused at accessPackages", () => {
    const dup = ["urn:altinn:accesspackage:skattegrunnlag", "urn:altinn:accesspackage:skattegrunnlag"];
    expect(fieldErrors(editSystemSchema.safeParse({ ...EDIT, accessPackages: dup }))).toEqual({
      accessPackages: ["sysreg.vld.00007"],
    });
  });

  it("AUTH.VLD-00008: an unknown package is refused at accessPackages", () => {
    expect(
      fieldErrors(editSystemSchema.safeParse({ ...EDIT, accessPackages: ["urn:altinn:accesspackage:finnes-ikke"] })),
    ).toEqual({ accessPackages: ["sysreg.vld.00008"] });
  });

  it("AUTH.VLD-00011: the same client id twice, in any case, is refused at clientIds", () => {
    expect(fieldErrors(editSystemSchema.safeParse({ ...EDIT, clientIds: "abc ABC" }))).toEqual({
      clientIds: ["sysreg.vld.00011"],
    });
  });

  it("AUTH.VLD-00018: a client package on a visible system is refused at isVisible", () => {
    const packages = ["urn:altinn:accesspackage:regnskapsforer-lonn"];
    expect(fieldErrors(editSystemSchema.safeParse({ ...EDIT, accessPackages: packages, isVisible: true }))).toEqual({
      isVisible: ["sysreg.vld.00018"],
    });
    expect(editSystemSchema.safeParse({ ...EDIT, accessPackages: packages, isVisible: false }).success).toBe(true);
  });

  it("requires the texts", () => {
    expect(fieldErrors(editSystemSchema.safeParse({ ...EDIT, nameEn: " " }))).toEqual({ nameEn: ["errors.required"] });
  });
});

describe("createSystemSchema and the composed id", () => {
  const CREATE = {
    ...EDIT,
    environmentId: EDIT.id,
    name: "lonn",
    redirectUrl: "https://a.example/cb",
    clientIds: "c1",
  };
  it("AUTH.VLD-00013: a short name with a space never reaches Altinn (refused at name)", () => {
    expect(fieldErrors(createSystemSchema.safeParse({ ...CREATE, name: "lonn sync" }))).toEqual({
      name: ["errors.systemName"],
    });
    expect(fieldErrors(createSystemSchema.safeParse({ ...CREATE, name: " lonn" }))).toEqual({});
  });
  it("AUTH.VLD-00011 on create: duplicate client ids are refused at clientIds", () => {
    expect(fieldErrors(createSystemSchema.safeParse({ ...CREATE, clientIds: "c1 C1" }))).toEqual({
      clientIds: ["errors.clientIdDuplicate"],
    });
  });
});

describe("deleteSystemSchema", () => {
  it("needs the typed confirmation", () => {
    expect(fieldErrors(deleteSystemSchema.safeParse({ id: EDIT.id, confirm: "" }))).toEqual({
      confirm: ["errors.required"],
    });
  });
});
