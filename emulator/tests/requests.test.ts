import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  accessToken,
  api,
  CUSTOMER_ORG,
  json,
  newKey,
  registerClient,
  sharedEmulator,
  systemBody,
  type TestKey,
  VENDOR_ORG,
} from "./helpers";

const SYSTEM_ID = `${VENDOR_ORG}_regnskap`;
const REDIRECT = "https://vendor.example/receipt?state=abc123";
const emu = sharedEmulator();
let key: TestKey;
let token: string;

beforeAll(async () => {
  key = await newKey();
});
beforeEach(async () => {
  token = await accessToken(emu.url, await registerClient(emu.url, key));
  const res = await api(
    emu.url,
    token,
    "POST",
    "/systemregister/vendor",
    systemBody(SYSTEM_ID, { name: { nb: "Regnskap Pluss" } }),
  );
  expect(res.status).toBe(200);
});

function requestBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    systemId: SYSTEM_ID,
    partyOrgNo: CUSTOMER_ORG,
    accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
    redirectUrl: REDIRECT,
    ...overrides,
  };
}

async function createRequest(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await api(emu.url, token, "POST", "/systemuser/request/vendor", requestBody(overrides));
  expect(res.status).toBe(201);
  return json(res);
}

async function expectProblem(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = await json(res);
  expect(body).toMatchObject({ type: `urn:altinn:error:${code}`, status, code });
  return body;
}

describe("system user requests", () => {
  it("creates a request (201) and returns the same one (200) for the same triple", async () => {
    const res = await api(emu.url, token, "POST", "/systemuser/request/vendor", requestBody());
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(res.headers.get("location")).toBe(
      `${emu.url}/authentication/api/v1/systemuser/request/${String(created.id)}`,
    );
    expect(created).toMatchObject({
      integrationTitle: "Regnskap Pluss",
      externalRef: CUSTOMER_ORG,
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORG,
      status: "New",
      redirectUrl: REDIRECT,
      confirmUrl: `${emu.url}/accessmanagement/ui/systemuser/request?id=${String(created.id)}&DONTCHOOSEREPORTEE=true`,
      escalated: false,
      created: "0001-01-01T00:00:00",
      timedOut: false,
    });
    const again = await api(emu.url, token, "POST", "/systemuser/request/vendor", requestBody());
    expect(again.status).toBe(200);
    const second = await json(again);
    expect(second.id).toBe(created.id);
    expect(second.created).not.toBe("0001-01-01T00:00:00");
  });

  it("rejects a redirect URL that is not registered (AUTH-00021) but ignores the query", async () => {
    await expectProblem(
      await api(
        emu.url,
        token,
        "POST",
        "/systemuser/request/vendor",
        requestBody({ redirectUrl: "https://evil.example/receipt" }),
      ),
      400,
      "AUTH-00021",
    );
    await expectProblem(
      await api(
        emu.url,
        token,
        "POST",
        "/systemuser/request/vendor",
        requestBody({ redirectUrl: "https://vendor.example/other" }),
      ),
      400,
      "AUTH-00021",
    );
  });

  it("rejects a party that is not in the entity register (AUTH-00000)", async () => {
    const body = await expectProblem(
      await api(emu.url, token, "POST", "/systemuser/request/vendor", requestBody({ partyOrgNo: "999999999" })),
      400,
      "AUTH-00000",
    );
    expect(body.title).toBe("Can't resolve the Organisation Number from the logged in Reportee PartyId.");
  });

  it("reports packages not on the system with AUTH-00063 and NotFoundPackages", async () => {
    const res = await api(
      emu.url,
      token,
      "POST",
      "/systemuser/request/vendor",
      requestBody({ accessPackages: [{ urn: "urn:altinn:accesspackage:jordbruk" }] }),
    );
    const body = await expectProblem(res, 400, "AUTH-00063");
    expect(body.NotFoundPackages).toBe("urn:altinn:accesspackage:jordbruk");
  });

  it("answers AUTH-00011 for an unknown system and AUTH-00010 for an unknown request", async () => {
    await expectProblem(
      await api(emu.url, token, "POST", "/systemuser/request/vendor", requestBody({ systemId: `${VENDOR_ORG}_nope` })),
      404,
      "AUTH-00011",
    );
    await expectProblem(
      await api(emu.url, token, "GET", "/systemuser/request/vendor/6f1e0a4e-64c4-4f53-9a0b-8d3b1a2c3d4e"),
      404,
      "AUTH-00010",
    );
    const notGuid = await api(emu.url, token, "GET", "/systemuser/request/vendor/abc");
    expect(notGuid.status).toBe(400);
    expect((await json(notGuid)).errors).toEqual({ requestId: ["The value 'abc' is not valid."] });
  });

  it("approval on the confirm page redirects via handleloggedout to the exact redirectUrl", async () => {
    const created = await createRequest();
    const id = String(created.id);
    const byQuery = `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORG}`;
    expect((await api(emu.url, token, "GET", byQuery)).status).toBe(404);

    const pageRes = await fetch(String(created.confirmUrl));
    expect(pageRes.status).toBe(200);
    const html = await pageRes.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("Regnskap Pluss");
    expect(html).toContain("Tilfeldig Bakeri AS");
    expect(html).toContain("Skattegrunnlag");
    expect(html).toContain("Logg inn som / Sign in as");

    const post = await fetch(`${emu.url}/accessmanagement/ui/systemuser/request`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ id, personId: "01048012345", decision: "approve" }),
      redirect: "manual",
    });
    expect(post.status).toBe(303);
    expect(post.headers.get("location")).toBe(`${emu.url}/authentication/api/v1/logout/handleloggedout`);
    const cookie = (post.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toBe(`SystemuserRequestId=${id}`);

    const out = await fetch(`${emu.url}/authentication/api/v1/logout/handleloggedout`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe(REDIRECT);

    const status = await json(await api(emu.url, token, "GET", `/systemuser/request/vendor/${id}`));
    expect(status.status).toBe("Accepted");
    const user = await json(await api(emu.url, token, "GET", byQuery));
    expect(user).toMatchObject({
      systemId: SYSTEM_ID,
      reporteeOrgNo: CUSTOMER_ORG,
      supplierOrgno: VENDOR_ORG,
      externalRef: CUSTOMER_ORG,
      userType: "standard",
      isDeleted: false,
      integrationTitle: "Regnskap Pluss",
    });

    // Creating the same triple again now hits the existing system user.
    await expectProblem(
      await api(emu.url, token, "POST", "/systemuser/request/vendor", requestBody()),
      400,
      "AUTH-00004",
    );
    // A second decision is refused.
    const again = await fetch(`${emu.url}/emulator/requests/${id}/reject`, { method: "POST" });
    await expectProblem(again, 409, "AUTH-00013");
  });

  it("rejection through the admin API sets Rejected and creates no system user", async () => {
    const created = await createRequest({ externalRef: "kunde-42" });
    const res = await fetch(`${emu.url}/emulator/requests/${String(created.id)}/reject`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ personId: "15029054321" }),
    });
    expect(res.status).toBe(200);
    expect((await json(res)).status).toBe("Rejected");
    const q = `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORG}&external-ref=kunde-42`;
    expect((await api(emu.url, token, "GET", q)).status).toBe(404);
    const page = await (await fetch(String(created.confirmUrl))).text();
    expect(page).toContain("Avvist");
    expect(page).not.toContain(">Godkjenn</button>");
  });

  it("deletes a request (202) so the triple can be requested again", async () => {
    const created = await createRequest();
    const del = await api(emu.url, token, "DELETE", `/systemuser/request/vendor/${String(created.id)}`);
    expect(del.status).toBe(202);
    expect(await del.text()).toBe("");
    await expectProblem(
      await api(emu.url, token, "GET", `/systemuser/request/vendor/${String(created.id)}`),
      404,
      "AUTH-00010",
    );
    const fresh = await createRequest();
    expect(fresh.id).not.toBe(created.id);
  });
});
