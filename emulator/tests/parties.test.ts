import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccessPackage } from "../data/access-packages";
import {
  CLIENT_RELATIONS,
  ORGANISATIONS,
  canAdministerClients,
  findOrganisation,
  findOrganisationByPartyUuid,
  isValidOrgNo,
  partyUuid,
} from "../data/entities";
import type { RunningEmulator } from "../server";
import { call, CLIENT_ADMIN_PID, FACILITATOR_ORG, NO_ROLE_PID, PKG } from "./control-helpers";
import { start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

describe("synthetic parties", () => {
  it("keeps the original register and adds two more mod-11 valid firms", () => {
    expect(ORGANISATIONS.slice(0, 11).map((o) => o.orgNo)).toEqual([
      "991825827",
      "314001230",
      "310904473",
      "313469999",
      "314250052",
      "310609544",
      "311876546",
      "315555558",
      "317000421",
      "312345129",
      "311001116",
    ]);
    expect(ORGANISATIONS.slice(11).map((o) => [o.orgNo, o.name])).toEqual([
      ["316200451", "Fjellvik Revisjon AS"],
      ["310555010", "Tallkloa Regnskap og Lønn AS"],
    ]);
    for (const org of ORGANISATIONS) expect(isValidOrgNo(org.orgNo), org.orgNo).toBe(true);
  });

  it("derives a stable, unique uuid per party", () => {
    expect(partyUuid(FACILITATOR_ORG)).toBe(partyUuid(FACILITATOR_ORG));
    expect(partyUuid(FACILITATOR_ORG)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ORGANISATIONS.map((o) => partyUuid(o.orgNo))).size).toBe(ORGANISATIONS.length);
    expect(findOrganisationByPartyUuid(partyUuid("310609544").toUpperCase())?.name).toBe("Bjørkely Barnehage SA");
  });

  it("only uses client (delegable, not assignable) packages between known orgs", () => {
    for (const rel of CLIENT_RELATIONS) {
      expect(findOrganisation(rel.facilitatorOrgNo), rel.facilitatorOrgNo).toBeDefined();
      expect(findOrganisation(rel.clientOrgNo), rel.clientOrgNo).toBeDefined();
      for (const urn of rel.packages) {
        expect(findAccessPackage(urn), urn).toMatchObject({ isDelegable: true, isAssignable: false });
      }
    }
  });

  it("grants client administration only to client administrators and access managers", () => {
    expect(canAdministerClients(CLIENT_ADMIN_PID, FACILITATOR_ORG)).toBe(true);
    expect(canAdministerClients(NO_ROLE_PID, FACILITATOR_ORG)).toBe(false);
    // Daglig leder alone is not enough (Aisha leads the café).
    expect(canAdministerClients(NO_ROLE_PID, "312345129")).toBe(false);
  });

  it("serves GET /emulator/parties", async () => {
    const res = await call(emu.url, "GET", "/emulator/parties");
    expect(res.status).toBe(200);
    const body = res.body as { organisations: Record<string, unknown>[]; persons: Record<string, unknown>[] };
    expect(body.organisations).toHaveLength(13);
    expect(body.organisations.find((o) => o.orgNo === FACILITATOR_ORG)).toEqual({
      orgNo: FACILITATOR_ORG,
      name: "Granlia Regnskapskontor AS",
      partyUuid: partyUuid(FACILITATOR_ORG),
      role: "customer",
      roles: [
        { pid: "01048012345", role: "tilgangsstyrer" },
        { pid: CLIENT_ADMIN_PID, role: "daglig-leder" },
        { pid: CLIENT_ADMIN_PID, role: "klientadministrator" },
      ],
      clients: [
        {
          orgNo: "310609544",
          partyUuid: partyUuid("310609544"),
          packages: [`${PKG}regnskapsforer-med-signeringsrettighet`, `${PKG}regnskapsforer-lonn`],
        },
        {
          orgNo: "310904473",
          partyUuid: partyUuid("310904473"),
          packages: [`${PKG}regnskapsforer-med-signeringsrettighet`],
        },
        {
          orgNo: "311876546",
          partyUuid: partyUuid("311876546"),
          packages: [`${PKG}regnskapsforer-uten-signeringsrettighet`],
        },
        {
          orgNo: "312345129",
          partyUuid: partyUuid("312345129"),
          packages: [`${PKG}regnskapsforer-med-signeringsrettighet`, `${PKG}regnskapsforer-lonn`],
        },
      ],
    });
    expect(body.persons.find((p) => p.id === NO_ROLE_PID)).toEqual({
      id: NO_ROLE_PID,
      name: "Aisha Syntetisk",
      roles: [{ orgNo: "312345129", role: "daglig-leder" }],
    });
  });

  it("mints person tokens for tests and validates the body", async () => {
    const ok = await call(emu.url, "POST", "/emulator/tokens/person", {
      pid: CLIENT_ADMIN_PID,
      scopes: ["altinn:clientdelegations.read"],
    });
    expect(ok.status).toBe(200);
    const token = (ok.body as { token: string }).token;
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    expect(claims).toMatchObject({
      pid: CLIENT_ADMIN_PID,
      scope: "altinn:clientdelegations.read",
      "urn:altinn:authenticatemethod": "idporten",
      "urn:altinn:authlevel": 3,
      iss: `${emu.url}/authentication/api/v1/openid/`,
    });
    expect((await call(emu.url, "POST", "/emulator/tokens/person", { pid: "123", scopes: [] })).status).toBe(400);
  });
});
