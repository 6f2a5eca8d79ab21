import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { api, json, OTHER_VENDOR_ORG, start, VENDOR_ORG, VENDOR_SCOPES } from "./helpers";
import { createSystem, expectEmpty, PORTAL_SCOPE, right, tokenFor } from "./register-helpers";

let emu: RunningEmulator;
let vendor: string;
let portal: string;

beforeAll(async () => {
  emu = await start();
});
afterAll(async () => emu.close());
beforeEach(async () => {
  await fetch(`${emu.url}/emulator/reset`, { method: "POST" });
  vendor = await tokenFor(emu.url, VENDOR_ORG, VENDOR_SCOPES);
  portal = await tokenFor(emu.url, OTHER_VENDOR_ORG, [PORTAL_SCOPE]);
});

describe("portal System Register endpoints", () => {
  it("require altinn:portal/enduser (vendor scopes get 403, no token 401)", async () => {
    await expectEmpty(await api(emu.url, vendor, "GET", "/systemregister"), 403);
    await expectEmpty(await api(emu.url, vendor, "GET", `/systemregister/${VENDOR_ORG}_p/rights`), 403);
    await expectEmpty(
      await fetch(`${emu.url}/authentication/api/v1/systemregister/${VENDOR_ORG}_p/accesspackages`),
      401,
    );
    // The portal scope does not open the vendor endpoints.
    await expectEmpty(await api(emu.url, portal, "GET", "/systemregister/vendor"), 403);
  });

  it("list every vendor's non-deleted systems as RegisteredSystemDTO", async () => {
    await createSystem(emu.url, vendor, "p");
    await createSystem(emu.url, vendor, "gone");
    expect((await api(emu.url, vendor, "DELETE", `/systemregister/vendor/${VENDOR_ORG}_gone`)).status).toBe(200);
    const other = await tokenFor(emu.url, OTHER_VENDOR_ORG, VENDOR_SCOPES);
    await createSystem(emu.url, other, "theirs", {}, OTHER_VENDOR_ORG);
    const list: unknown = await (await api(emu.url, portal, "GET", "/systemregister")).json();
    expect(list).toEqual([
      expect.objectContaining({
        systemId: `${VENDOR_ORG}_p`,
        systemVendorOrgNumber: VENDOR_ORG,
        systemVendorOrgName: "",
        isVisible: true,
      }),
      expect.objectContaining({ systemId: `${OTHER_VENDOR_ORG}_theirs`, systemVendorOrgNumber: OTHER_VENDOR_ORG }),
    ]);
  });

  it("serve one system's DTO, or 404 empty", async () => {
    await createSystem(emu.url, vendor, "p");
    const dto = await json(await api(emu.url, portal, "GET", `/systemregister/${VENDOR_ORG}_p`));
    expect(Object.keys(dto).sort()).toEqual([
      "accessPackages",
      "description",
      "isVisible",
      "name",
      "rights",
      "systemId",
      "systemVendorOrgName",
      "systemVendorOrgNumber",
    ]);
    await expectEmpty(await api(emu.url, portal, "GET", `/systemregister/${VENDOR_ORG}_nope`), 404);
  });

  it("serve rights, optionally with apps in the old org/app format", async () => {
    await createSystem(emu.url, vendor, "p", { rights: [right("app_ttd_test-app"), right("nav-a-melding")] });
    const path = `/systemregister/${VENDOR_ORG}_p/rights`;
    expect(await (await api(emu.url, portal, "GET", path)).json()).toEqual([
      right("app_ttd_test-app"),
      right("nav-a-melding"),
    ]);
    expect(await (await api(emu.url, portal, "GET", `${path}?useOldFormatForApp=True`)).json()).toEqual([
      {
        resource: [
          { id: "urn:altinn:org", value: "ttd" },
          { id: "urn:altinn:app", value: "test-app" },
        ],
      },
      right("nav-a-melding"),
    ]);
    const bad = await api(emu.url, portal, "GET", `${path}?useOldFormatForApp=ja`);
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ errors: { useOldFormatForApp: ["The value 'ja' is not valid."] } });
    expect(await (await api(emu.url, portal, "GET", `/systemregister/${VENDOR_ORG}_nope/rights`)).json()).toEqual([]);
  });

  it("serve access packages", async () => {
    await createSystem(emu.url, vendor, "p");
    expect(await (await api(emu.url, portal, "GET", `/systemregister/${VENDOR_ORG}_p/accesspackages`)).json()).toEqual([
      { urn: "urn:altinn:accesspackage:skattegrunnlag" },
    ]);
  });
});
