import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  accessToken,
  api,
  json,
  newKey,
  OTHER_VENDOR_ORG,
  registerClient,
  sharedEmulator,
  systemBody,
  type TestKey,
  VENDOR_ORG,
} from "./helpers";

const emu = sharedEmulator();
let key: TestKey;
let token: string;

beforeAll(async () => {
  key = await newKey();
});
beforeEach(async () => {
  token = await accessToken(emu.url, await registerClient(emu.url, key));
});

async function validationCodes(res: Response): Promise<string[]> {
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = await json(res);
  expect(body).toMatchObject({
    type: "urn:altinn:error:STD-00000",
    title: "One or more validation errors occurred.",
    status: 400,
    code: "STD-00000",
  });
  expect(typeof body.traceId).toBe("string");
  const errors = body.validationErrors;
  if (!Array.isArray(errors)) throw new Error("validationErrors missing");
  return errors.map((e: unknown) => (typeof e === "object" && e !== null && "code" in e ? String(e.code) : ""));
}

describe("system register", () => {
  it("creates a system (200 with a GUID string) and serves it back", async () => {
    const id = `${VENDOR_ORG}_skeleton`;
    const res = await api(emu.url, token, "POST", "/systemregister/vendor", systemBody(id));
    expect(res.status).toBe(200);
    const guid: unknown = await res.json();
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const got = await json(await api(emu.url, token, "GET", `/systemregister/vendor/${id}`));
    expect(got.vendor).toEqual({ ID: `0192:${VENDOR_ORG}` });
    expect(got).toMatchObject({
      id,
      isVisible: true,
      isDeleted: false,
      allowedRedirectUrls: ["https://vendor.example/receipt"],
    });

    const list: unknown = await (await api(emu.url, token, "GET", "/systemregister/vendor")).json();
    expect(list).toEqual([
      expect.objectContaining({ systemId: id, systemVendorOrgNumber: VENDOR_ORG, systemVendorOrgName: "" }),
    ]);
  });

  it("binds property names case-insensitively", async () => {
    const body = {
      ID: `${VENDOR_ORG}_casing`,
      Vendor: { id: `0192:${VENDOR_ORG}` },
      NAME: { nb: "X" },
      description: { nb: "Y" },
      allowedredirecturls: ["https://a.example/"],
    };
    expect((await api(emu.url, token, "POST", "/systemregister/vendor", body)).status).toBe(200);
    const got = await json(await api(emu.url, token, "GET", `/systemregister/vendor/${VENDOR_ORG}_casing`));
    expect(got.allowedRedirectUrls).toEqual(["https://a.example/"]);
  });

  it("rejects a duplicate id with AUTH.VLD-00002", async () => {
    const id = `${VENDOR_ORG}_dup`;
    expect((await api(emu.url, token, "POST", "/systemregister/vendor", systemBody(id))).status).toBe(200);
    expect(await validationCodes(await api(emu.url, token, "POST", "/systemregister/vendor", systemBody(id)))).toEqual([
      "AUTH.VLD-00002",
    ]);
  });

  it("rejects non-https redirect URLs with AUTH.VLD-00005 but accepts loopback http", async () => {
    const bad = systemBody(`${VENDOR_ORG}_http`, { allowedRedirectUrls: ["http://vendor.example/cb"] });
    expect(await validationCodes(await api(emu.url, token, "POST", "/systemregister/vendor", bad))).toEqual([
      "AUTH.VLD-00005",
    ]);
    const local = systemBody(`${VENDOR_ORG}_local`, {
      allowedRedirectUrls: ["http://localhost:3000/cb", "http://127.0.0.1:3000/cb"],
    });
    expect((await api(emu.url, token, "POST", "/systemregister/vendor", local)).status).toBe(200);
  });

  it("returns only AUTH.VLD-00000 for a bad vendor identifier", async () => {
    const body = systemBody(`${VENDOR_ORG} bad id`, { vendor: { ID: VENDOR_ORG }, allowedRedirectUrls: ["ftp://x"] });
    const res = await api(emu.url, token, "POST", "/systemregister/vendor", body);
    expect(await validationCodes(res.clone())).toEqual(["AUTH.VLD-00000"]);
    const body2 = await json(res);
    expect(body2.validationErrors).toEqual([
      {
        code: "AUTH.VLD-00000",
        title: "the org number identifier is not valid ISO6523 identifier",
        paths: ["/registersystemrequest/vendor/id"],
      },
    ]);
  });

  it("collects several validation errors in order", async () => {
    const body = systemBody("123_bad id", {
      accessPackages: [
        { urn: "urn:altinn:accesspackage:finnes-ikke" },
        { urn: "urn:altinn:accesspackage:regnskapsforer-lonn" },
      ],
    });
    const res = await api(emu.url, token, "POST", "/systemregister/vendor", { ...body, vendor: { ID: "0192:123" } });
    // Ownership fails too (token org ≠ 123) and takes precedence over validation errors.
    expect(res.status).toBe(403);
    const own = systemBody(`${VENDOR_ORG}_x y`, {
      accessPackages: [
        { urn: "urn:altinn:accesspackage:finnes-ikke" },
        { urn: "urn:altinn:accesspackage:regnskapsforer-lonn" },
      ],
    });
    const res2 = await api(emu.url, token, "POST", "/systemregister/vendor", own);
    const codes = await validationCodes(res2.clone());
    expect(codes).toEqual(["AUTH.VLD-00013", "AUTH.VLD-00008", "AUTH.VLD-00018"]);
    const errors = (await json(res2)).validationErrors;
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: "AUTH.VLD-00008",
        "Invalid Urn Details : ": "Not found: urn:altinn:accesspackage:finnes-ikke",
      }),
    );
  });

  it("forbids registering a system for another vendor (403, empty body)", async () => {
    const res = await api(emu.url, token, "POST", "/systemregister/vendor", systemBody(`${OTHER_VENDOR_ORG}_theirs`));
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("");
  });

  it("answers 401 without a token and 403 without the scope", async () => {
    const noToken = await fetch(`${emu.url}/authentication/api/v1/systemregister/vendor`);
    expect(noToken.status).toBe(401);
    expect(await noToken.text()).toBe("");
    const narrow = await accessToken(
      emu.url,
      await registerClient(emu.url, await newKey(), VENDOR_ORG, ["other:scope"]),
      "other:scope",
    );
    expect((await api(emu.url, narrow, "GET", "/systemregister/vendor")).status).toBe(403);
  });

  it("answers 404 for an unknown system and 403 for another vendor's system", async () => {
    expect((await api(emu.url, token, "GET", `/systemregister/vendor/${VENDOR_ORG}_nope`)).status).toBe(404);
    const other = await accessToken(emu.url, await registerClient(emu.url, await newKey(), OTHER_VENDOR_ORG));
    expect(
      (await api(emu.url, other, "POST", "/systemregister/vendor", systemBody(`${OTHER_VENDOR_ORG}_theirs`))).status,
    ).toBe(200);
    expect((await api(emu.url, token, "GET", `/systemregister/vendor/${OTHER_VENDOR_ORG}_theirs`)).status).toBe(403);
  });
});
