import { describe, expect, it } from "vitest";
import { accessToken, api, CUSTOMER_ORG, json, newKey, OTHER_VENDOR_ORG, registerClient } from "./helpers";
import {
  admin,
  create,
  expectProblem,
  postForm,
  standardBody,
  SYSTEM_ID,
  setupFixture,
  type Fixture,
} from "./request-fixture";

const fx = setupFixture();
const BYSYSTEM = `/systemuser/vendor/bysystem/${SYSTEM_ID}`;

async function approvedUser(f: Fixture, externalRef: string): Promise<string> {
  const request = await create(f, "/systemuser/request/vendor", standardBody({ externalRef }));
  expect((await admin(f, "POST", `/requests/${String(request.id)}/approve`)).status).toBe(200);
  return String(request.id);
}

function tokenOf(n: number): string {
  return Buffer.from(JSON.stringify(n), "utf8").toString("base64url");
}

describe("GET systemuser/vendor/bysystem", () => {
  it("pages 50 per page by sequence number with a base64url JSON number token", async () => {
    for (let i = 0; i < 52; i++) await approvedUser(fx, `ref-${String(i).padStart(2, "0")}`);
    const first = await json(await api(fx.emu.url, fx.token, "GET", BYSYSTEM));
    const firstData = first.data as Record<string, unknown>[];
    expect(firstData.length).toBe(50);
    expect(firstData[0]).toMatchObject({
      externalRef: "ref-00",
      systemId: SYSTEM_ID,
      reporteeOrgNo: CUSTOMER_ORG,
      userType: "standard",
      isDeleted: false,
    });
    expect(first.links).toEqual({
      next: `${fx.emu.url}/authentication/api/v1/systemuser/vendor/bysystem/${SYSTEM_ID}?token=${tokenOf(50)}`,
    });
    const second = await json(await api(fx.emu.url, fx.token, "GET", `${BYSYSTEM}?token=${tokenOf(50)}`));
    expect(second.links).toEqual({});
    expect((second.data as Record<string, unknown>[]).map((u) => u.externalRef)).toEqual(["ref-50", "ref-51"]);
    expect(tokenOf(1476)).toBe("MTQ3Ng");
  });

  it("needs systemregister.write (403), and answers AUTH-00011 for an unknown or foreign system", async () => {
    const requestOnly = await accessToken(
      fx.emu.url,
      await registerClient(fx.emu.url, await newKey()),
      "altinn:authentication/systemuser.request.read",
    );
    expect((await api(fx.emu.url, requestOnly, "GET", BYSYSTEM)).status).toBe(403);
    await expectProblem(
      await api(fx.emu.url, fx.token, "GET", "/systemuser/vendor/bysystem/991825827_nope"),
      404,
      "AUTH-00011",
    );
    const other = await accessToken(fx.emu.url, await registerClient(fx.emu.url, await newKey(), OTHER_VENDOR_ORG));
    await expectProblem(await api(fx.emu.url, other, "GET", BYSYSTEM), 404, "AUTH-00011");
    expect(await json(await api(fx.emu.url, fx.token, "GET", BYSYSTEM))).toEqual({ links: {}, data: [] });
  });
});

describe("deleting a system user (customer side)", () => {
  it("the systemusers page lists the org's users and deletes one, soft-deleting its request too", async () => {
    const requestId = await approvedUser(fx, CUSTOMER_ORG);
    const q = `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORG}`;
    const user = await json(await api(fx.emu.url, fx.token, "GET", q));
    const pageRes = await fetch(`${fx.emu.url}/accessmanagement/ui/systemusers?org=${CUSTOMER_ORG}`);
    const html = await pageRes.text();
    expect(pageRes.status).toBe(200);
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("Fikstur Regnskap");
    expect(html).toContain(`name="id" value="${String(user.id)}"`);

    const del = await postForm(fx, "/accessmanagement/ui/systemusers", { org: CUSTOMER_ORG, id: String(user.id) });
    expect(del.status).toBe(303);
    const back = del.headers.get("location") ?? "";
    expect(back).toBe(`${fx.emu.url}/accessmanagement/ui/systemusers?org=${CUSTOMER_ORG}&deleted=Fikstur+Regnskap`);
    const after = await (await fetch(back)).text();
    expect(after).toContain('role="status"');
    expect(after).toContain("Virksomheten har ingen systembrukere.");

    expect((await api(fx.emu.url, fx.token, "GET", q)).status).toBe(404);
    await expectProblem(
      await api(fx.emu.url, fx.token, "GET", `/systemuser/request/vendor/${requestId}`),
      404,
      "AUTH-00010",
    );
    // The triple can be requested again.
    const fresh = await create(fx, "/systemuser/request/vendor", standardBody());
    expect(fresh.id).not.toBe(requestId);
    // Deleting again, or another org's user, is a 404 page.
    expect(
      (await postForm(fx, "/accessmanagement/ui/systemusers", { org: CUSTOMER_ORG, id: String(user.id) })).status,
    ).toBe(404);
    expect((await fetch(`${fx.emu.url}/accessmanagement/ui/systemusers?org=999999999`)).status).toBe(404);
  });

  it("DELETE /emulator/systemusers/{id} has the same effect (202) and 404 AUTH-00015 when unknown", async () => {
    await approvedUser(fx, "ref-x");
    const q = `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORG}&external-ref=ref-x`;
    const user = await json(await api(fx.emu.url, fx.token, "GET", q));
    expect((await admin(fx, "DELETE", `/systemusers/${String(user.id)}`)).status).toBe(202);
    expect((await api(fx.emu.url, fx.token, "GET", q)).status).toBe(404);
    await expectProblem(await admin(fx, "DELETE", `/systemusers/${String(user.id)}`), 404, "AUTH-00015");
    expect(await json(await api(fx.emu.url, fx.token, "GET", BYSYSTEM))).toEqual({ links: {}, data: [] });
  });
});
