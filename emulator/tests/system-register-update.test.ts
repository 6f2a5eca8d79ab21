import { beforeEach, describe, expect, it } from "vitest";
import { api, json, OTHER_VENDOR_ORG, sharedEmulator, VENDOR_ORG, VENDOR_SCOPES } from "./helpers";
import {
  ADMIN_SCOPE,
  codesOf,
  createSystem,
  expectEmpty,
  expectText,
  right,
  tokenFor,
  validationErrors,
} from "./register-helpers";

const emu = sharedEmulator();
let token: string;
const ID = `${VENDOR_ORG}_upd`;
const PATH = `/systemregister/vendor/${ID}`;

beforeEach(async () => {
  token = await tokenFor(emu.url, VENDOR_ORG, VENDOR_SCOPES);
});

describe("PUT /systemregister/vendor/{systemId}", () => {
  it("replaces the whole system, lists included", async () => {
    const body = await createSystem(emu.url, token, "upd");
    const next = {
      ...body,
      name: { nb: "  Nytt navn " },
      rights: [],
      accessPackages: [{ urn: "urn:altinn:accesspackage:merverdiavgift" }],
      clientId: ["c-1"],
      isVisible: false,
      allowedRedirectUrls: [],
    };
    const res = await api(emu.url, token, "PUT", PATH, next);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ succeeded: true });
    const got = await json(await api(emu.url, token, "GET", PATH));
    expect(got).toMatchObject({
      id: ID,
      name: { nb: "Nytt navn" },
      rights: [],
      accessPackages: [{ urn: "urn:altinn:accesspackage:merverdiavgift" }],
      clientId: ["c-1"],
      isVisible: false,
      allowedRedirectUrls: [],
      isDeleted: false,
    });
  });

  it("answers 404 text for an unknown system", async () => {
    const body = await createSystem(emu.url, token, "upd");
    await expectText(
      await api(emu.url, token, "PUT", `/systemregister/vendor/${VENDOR_ORG}_nope`, {
        ...body,
        id: `${VENDOR_ORG}_nope`,
      }),
      404,
      `System with ID '${VENDOR_ORG}_nope' not found.`,
    );
  });

  it("checks ownership (403) before the body vendor (404)", async () => {
    const body = await createSystem(emu.url, token, "upd");
    const other = await tokenFor(emu.url, OTHER_VENDOR_ORG, VENDOR_SCOPES);
    await expectEmpty(
      await api(emu.url, other, "PUT", PATH, { ...body, vendor: { ID: `0192:${OTHER_VENDOR_ORG}` } }),
      403,
    );
    await expectText(
      await api(emu.url, token, "PUT", PATH, { ...body, vendor: { ID: `0192:${OTHER_VENDOR_ORG}` } }),
      404,
      `System with ID '${ID}' not found.`,
    );
    // The admin scope passes ownership.
    const admin = await tokenFor(emu.url, OTHER_VENDOR_ORG, [ADMIN_SCOPE]);
    expect((await api(emu.url, admin, "PUT", PATH, body)).status).toBe(200);
  });

  it("rejects an id mismatch with AUTH.VLD-00012 alone, before the deleted check", async () => {
    const body = await createSystem(emu.url, token, "upd");
    const res = await api(emu.url, token, "PUT", PATH, {
      ...body,
      id: `${VENDOR_ORG}_other`,
      rights: [right("ukjent")],
    });
    expect(await validationErrors(res)).toEqual([
      {
        code: "AUTH.VLD-00012",
        title: "The system ID in the request body does not match the system ID in the URL",
        paths: ["/registersystemrequest/systemid"],
      },
    ]);
    expect((await api(emu.url, token, "DELETE", PATH)).status).toBe(200);
    expect(await codesOf(await api(emu.url, token, "PUT", PATH, { ...body, id: "x" }))).toEqual(["AUTH.VLD-00012"]);
    await expectText(await api(emu.url, token, "PUT", PATH, body), 400, "Cannot update a system marked as deleted.");
  });

  it("validates rights, packages and then client ids; not the id, redirect or vendor format", async () => {
    const body = await createSystem(emu.url, token, "upd", { clientId: ["own"] });
    await createSystem(emu.url, token, "taken", { clientId: ["Taken-1", "taken-2"] });
    const res = await api(emu.url, token, "PUT", PATH, {
      ...body,
      allowedRedirectUrls: ["ftp://not-checked"],
      rights: [right("ttd-altinn2-tjeneste")],
      accessPackages: [{ urn: "urn:altinn:accesspackage:regnskapsforer-lonn" }],
      clientId: ["OWN", "own", "taken-1", "TAKEN-2"],
    });
    expect(await codesOf(res)).toEqual([
      "AUTH.VLD-00017",
      "AUTH.VLD-00018",
      "AUTH.VLD-00011",
      "AUTH.VLD-00004",
      "AUTH.VLD-00004",
    ]);
  });

  it("keeps the system's own client ids and may reuse those of deleted systems", async () => {
    const body = await createSystem(emu.url, token, "upd", { clientId: ["mine"] });
    await createSystem(emu.url, token, "gone", { clientId: ["freed"] });
    expect((await api(emu.url, token, "DELETE", `/systemregister/vendor/${VENDOR_ORG}_gone`)).status).toBe(200);
    expect((await api(emu.url, token, "PUT", PATH, { ...body, clientId: ["MINE", "freed"] })).status).toBe(200);
  });

  it("binds the body before looking the system up (ASP.NET model errors)", async () => {
    const res = await api(emu.url, token, "PUT", `/systemregister/vendor/${VENDOR_ORG}_nope`, { id: "x" });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
      errors: { Vendor: ["The Vendor field is required."] },
    });
  });
});

describe("PUT /rights and /accesspackages", () => {
  it("replace only their list and answer {succeeded: true}", async () => {
    await createSystem(emu.url, token, "upd", { isVisible: false });
    const r = await api(emu.url, token, "PUT", `${PATH}/rights`, [right("nav-a-melding"), right("app_ttd_test-app")]);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ succeeded: true });
    const p = await api(emu.url, token, "PUT", `${PATH}/accesspackages`, [
      { urn: "urn:altinn:accesspackage:regnskapsforer-lonn" },
    ]);
    expect(p.status).toBe(200);
    const got = await json(await api(emu.url, token, "GET", PATH));
    expect(got.rights).toEqual([right("nav-a-melding"), right("app_ttd_test-app")]);
    expect(got.accessPackages).toEqual([{ urn: "urn:altinn:accesspackage:regnskapsforer-lonn" }]);
  });

  it("validate against the registry and the stored isVisible flag", async () => {
    await createSystem(emu.url, token, "upd");
    const r = await api(emu.url, token, "PUT", `${PATH}/rights`, [right("ukjent"), right("ukjent")]);
    expect(await validationErrors(r)).toEqual([
      {
        code: "AUTH.VLD-00003",
        title: "One or more resources specified in rights were not found in Altinn's resource register.",
        paths: ["/registersystemrequest/rights/resource"],
        "ResourceIds Not Found : ": "ukjent | ukjent",
      },
      {
        code: "AUTH.VLD-00006",
        title: "One or more duplicate rights found",
        paths: ["/registersystemrequest/rights/resource"],
      },
    ]);
    const p = await api(emu.url, token, "PUT", `${PATH}/accesspackages`, [
      { urn: "urn:altinn:accesspackage:ansvarlig-revisor" },
    ]);
    expect(await codesOf(p)).toEqual(["AUTH.VLD-00018"]);
  });

  it("answer 403 for another vendor, 400 text when deleted, 500 for an unknown system", async () => {
    await createSystem(emu.url, token, "upd");
    const other = await tokenFor(emu.url, OTHER_VENDOR_ORG, VENDOR_SCOPES);
    await expectEmpty(await api(emu.url, other, "PUT", `${PATH}/rights`, [right("ukjent")]), 403);
    await expectEmpty(await api(emu.url, other, "PUT", `${PATH}/accesspackages`, []), 403);
    await expectEmpty(await api(emu.url, token, "PUT", `/systemregister/vendor/${VENDOR_ORG}_nope/rights`, []), 500);
    expect((await api(emu.url, token, "DELETE", PATH)).status).toBe(200);
    await expectText(
      await api(emu.url, token, "PUT", `${PATH}/rights`, [right("ukjent")]),
      400,
      "Cannot update a system marked as deleted.",
    );
    await expectText(
      await api(emu.url, token, "PUT", `${PATH}/accesspackages`, []),
      400,
      "Cannot update a system marked as deleted.",
    );
  });
});
