import { beforeEach, describe, expect, it } from "vitest";
import { api, sharedEmulator, systemBody, VENDOR_ORG, VENDOR_SCOPES } from "./helpers";
import { codesOf, right, tokenFor, validationErrors } from "./register-helpers";

const emu = sharedEmulator();
let token: string;
const RIGHTS_PATH = ["/registersystemrequest/rights/resource"];
const PKG_PATH = ["/registersystemrequest/accesspackages"];

beforeEach(async () => {
  token = await tokenFor(emu.url, VENDOR_ORG, VENDOR_SCOPES);
});

const post = (body: Record<string, unknown>) => api(emu.url, token, "POST", "/systemregister/vendor", body);

describe("POST /systemregister/vendor rights validation", () => {
  it("accepts every delegable resource type in the registry", async () => {
    const rights = [
      "ske-krav-og-betalinger",
      "ske-skattegrunnlag",
      "nav-a-melding",
      "app_ttd_test-app",
      "ttd-meldingstjeneste",
    ].map((v) => right(v));
    expect((await post(systemBody(`${VENDOR_ORG}_ok`, { rights }))).status).toBe(200);
  });

  it("reports 00009, 00003 and 00017 in that order with their extension keys", async () => {
    const rights = [
      right("ske-skattegrunnlag", "urn:altinn:app"),
      right("x", "urn:altinn:resourcex"),
      right("finnes-ikke"),
      right("finnes-heller-ikke"),
      right("ttd-maskinporten-schema"),
      right("ttd-altinn2-tjeneste"),
    ];
    const errors = await validationErrors(await post(systemBody(`${VENDOR_ORG}_bad`, { rights })));
    expect(errors).toEqual([
      {
        code: "AUTH.VLD-00009",
        title: "One or more resource id is in wrong format. The valid format is urn:altinn:resource",
        paths: RIGHTS_PATH,
        "Invalid Resource Id Details : ": "urn:altinn:app | urn:altinn:resourcex",
      },
      {
        code: "AUTH.VLD-00003",
        title: "One or more resources specified in rights were not found in Altinn's resource register.",
        paths: RIGHTS_PATH,
        "ResourceIds Not Found : ": "finnes-ikke | finnes-heller-ikke",
      },
      {
        code: "AUTH.VLD-00017",
        title: "One or more resources specified in rights is of resource type which is not delegable.",
        paths: RIGHTS_PATH,
        "ResourceIds Not Delegable : ": "ttd-maskinporten-schema | ttd-altinn2-tjeneste",
      },
    ]);
  });

  it("reports duplicate rights with AUTH.VLD-00006 after the resource checks", async () => {
    const rights = [right("ske-skattegrunnlag"), right("ske-skattegrunnlag"), right("ukjent")];
    const errors = await validationErrors(await post(systemBody(`${VENDOR_ORG}_dup`, { rights })));
    expect(errors.map((e) => e.code)).toEqual(["AUTH.VLD-00003", "AUTH.VLD-00006"]);
    expect(errors[1]).toEqual({
      code: "AUTH.VLD-00006",
      title: "One or more duplicate rights found",
      paths: RIGHTS_PATH,
    });
  });

  it("joins all three package failure kinds in one AUTH.VLD-00008", async () => {
    const accessPackages = [
      { urn: "urn:altinn:skattegrunnlag" },
      { urn: "urn:altinn:accesspackage:finnes-ikke" },
      { urn: "urn:altinn:accesspackage:eksplisitt" },
    ];
    const errors = await validationErrors(
      await post(systemBody(`${VENDOR_ORG}_pk`, { accessPackages, isVisible: false })),
    );
    expect(errors).toEqual([
      {
        code: "AUTH.VLD-00008",
        title: "One or all the accesspackage(s) is not found in altinn's access packages or is not delegable",
        paths: PKG_PATH,
        "Invalid Urn Details : ":
          "Invalid format: urn:altinn:skattegrunnlag | Not found: urn:altinn:accesspackage:finnes-ikke | Not possible to delegate: urn:altinn:accesspackage:eksplisitt",
      },
    ]);
  });

  it("reports duplicate packages (00007) and client packages on visible systems (00018)", async () => {
    const accessPackages = [
      { urn: "urn:altinn:accesspackage:ansvarlig-revisor" },
      { urn: "urn:altinn:accesspackage:ansvarlig-revisor" },
    ];
    const errors = await validationErrors(await post(systemBody(`${VENDOR_ORG}_pk2`, { accessPackages })));
    expect(errors).toEqual([
      { code: "AUTH.VLD-00007", title: "One or more duplicate access package(s) found", paths: PKG_PATH },
      {
        code: "AUTH.VLD-00018",
        title:
          "Access packages meant for system user for client relations can't be used in combination with the flag isVisible: true",
        paths: PKG_PATH,
      },
    ]);
    // The same client package is fine on an invisible system.
    const invisible = systemBody(`${VENDOR_ORG}_pk3`, { accessPackages: [accessPackages[0]], isVisible: false });
    expect((await post(invisible)).status).toBe(200);
  });

  it("collects system, rights and package errors in controller order", async () => {
    const body = systemBody(`${VENDOR_ORG}_all`, {
      allowedRedirectUrls: ["http://vendor.example/"],
      rights: [right("ukjent")],
      accessPackages: [{ urn: "bad" }],
    });
    expect(await codesOf(await post(body))).toEqual(["AUTH.VLD-00005", "AUTH.VLD-00003", "AUTH.VLD-00008"]);
  });

  it("rejects a client id held by an active system, case-insensitively, but frees it on delete", async () => {
    const clientId = "AbC-client";
    expect((await post(systemBody(`${VENDOR_ORG}_first`, { clientId: [clientId] }))).status).toBe(200);
    const again = systemBody(`${VENDOR_ORG}_second`, { clientId: [clientId.toLowerCase()] });
    expect(await validationErrors(await post(again))).toEqual([
      {
        code: "AUTH.VLD-00004",
        title: "One of the client id is already tagged with an existing system",
        paths: ["/registersystemrequest/clientid"],
      },
    ]);
    expect((await api(emu.url, token, "DELETE", `/systemregister/vendor/${VENDOR_ORG}_first`)).status).toBe(200);
    expect((await post(again)).status).toBe(200);
    // The deleted system's id stays taken.
    expect(await codesOf(await post(systemBody(`${VENDOR_ORG}_first`)))).toEqual(["AUTH.VLD-00002"]);
  });
});
