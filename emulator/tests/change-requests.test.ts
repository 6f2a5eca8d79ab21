import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accessToken, api, CUSTOMER_ORG, json, newKey, OTHER_VENDOR_ORG, registerClient } from "./helpers";
import {
  admin,
  agentBody,
  create,
  expectProblem,
  PKG,
  REDIRECT,
  RIGHT,
  standardBody,
  SYSTEM_ID,
  setupFixture,
  type Fixture,
} from "./request-fixture";

const fx = setupFixture();
const CR = "/systemuser/changerequest/vendor";

async function systemUser(f: Fixture, kind: "standard" | "agent" = "standard"): Promise<Record<string, unknown>> {
  const path = kind === "agent" ? "/systemuser/request/vendor/agent" : "/systemuser/request/vendor";
  const request = await create(f, path, kind === "agent" ? agentBody({ externalRef: "agent-1" }) : standardBody());
  const prefix = kind === "agent" ? "agentrequests" : "requests";
  expect((await admin(f, "POST", `/${prefix}/${String(request.id)}/approve`)).status).toBe(200);
  const ref = kind === "agent" ? "agent-1" : CUSTOMER_ORG;
  return json(
    await api(
      f.emu.url,
      f.token,
      "GET",
      `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORG}&external-ref=${ref}`,
    ),
  );
}

function post(query: string, body: Record<string, unknown>, token = fx.token): Promise<Response> {
  return api(fx.emu.url, token, "POST", `${CR}${query}`, body);
}

const ADD_FARMING = {
  requiredAccessPackages: [{ urn: PKG.farming }],
  unwantedAccessPackages: [{ urn: PKG.standard }],
  redirectUrl: REDIRECT,
};

describe("change requests (POST changerequest/vendor)", () => {
  it("creates (201), is idempotent per correlation id, and approval applies the change to the system user", async () => {
    const user = await systemUser(fx);
    const correlation = randomUUID();
    const res = await post(`?correlation-id=${correlation}&system-user-id=${String(user.id)}`, {
      ...ADD_FARMING,
      requiredRights: [RIGHT],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(
      `${fx.emu.url}/authentication/api/v1/systemuser/changerequest/${correlation}`,
    );
    const body = await json(res);
    expect(body).toMatchObject({
      id: correlation,
      externalRef: CUSTOMER_ORG,
      systemId: SYSTEM_ID,
      systemUserId: user.id,
      partyOrgNo: CUSTOMER_ORG,
      requiredRights: [RIGHT],
      unwantedRights: [],
      requiredAccessPackages: [{ urn: PKG.farming }],
      unwantedAccessPackages: [{ urn: PKG.standard }],
      status: "New",
      redirectUrl: REDIRECT,
      confirmUrl: `${fx.emu.url}/accessmanagement/ui/systemuser/changerequest?id=${correlation}&DONTCHOOSEREPORTEE=true`,
      timedOut: false,
    });
    const again = await post(`?correlation-id=${correlation}&system-user-id=${String(user.id)}`, ADD_FARMING);
    expect(again.status).toBe(200);
    expect((await json(again)).requiredRights).toEqual([RIGHT]);

    const approved = await admin(fx, "POST", `/changerequests/${correlation}/approve`);
    expect((await json(approved)).status).toBe("Accepted");
    const stored = fx.emu.emulator.store.data.systemUsers.find((u) => u.id === user.id);
    expect(stored?.accessPackages).toEqual([{ urn: PKG.farming }]);
    expect(stored?.rights).toEqual([RIGHT]);
    // Reusing a decided correlation id is a conflict; a second decision too.
    await expectProblem(
      await post(`?correlation-id=${correlation}&system-user-id=${String(user.id)}`, ADD_FARMING),
      409,
      "AUTH-00061",
    );
    await expectProblem(await admin(fx, "POST", `/changerequests/${correlation}/reject`), 409, "AUTH-00013");
  });

  it("runs the controller checks in order", async () => {
    const user = await systemUser(fx);
    const uid = String(user.id);
    const missing = await post(`?system-user-id=${uid}`, ADD_FARMING);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/^Missing or invalid QueryParameter: correlation-id\. /);
    expect((await post(`?correlation-id=&system-user-id=${uid}`, ADD_FARMING)).status).toBe(400);
    // The correlation-id check comes before the system-user lookup.
    expect((await post(`?system-user-id=${randomUUID()}`, ADD_FARMING)).status).toBe(400);
    expect(
      (await post(`?correlation-id=00000000-0000-0000-0000-000000000000&system-user-id=${uid}`, ADD_FARMING)).status,
    ).toBe(400);
    const notGuid = await post(`?correlation-id=abc&system-user-id=${uid}`, ADD_FARMING);
    expect((await json(notGuid)).errors).toEqual({ "correlation-id": ["The value 'abc' is not valid."] });
    await expectProblem(
      await post(`?correlation-id=${randomUUID()}&system-user-id=${randomUUID()}`, ADD_FARMING),
      404,
      "AUTH-00015",
    );
    const same = await post(`?correlation-id=${uid}&system-user-id=${uid}`, ADD_FARMING);
    expect(same.status).toBe(400);
    expect(same.headers.get("content-type")).toContain("text/plain");
    const otherToken = await accessToken(
      fx.emu.url,
      await registerClient(fx.emu.url, await newKey(), OTHER_VENDOR_ORG),
    );
    const notOwner = await post(`?correlation-id=${randomUUID()}&system-user-id=${uid}`, ADD_FARMING, otherToken);
    expect(notOwner.status).toBe(401);
    expect(await notOwner.text()).toBe("");
    // Validation as §4.1: redirect, rights, packages.
    const q = () => `?correlation-id=${randomUUID()}&system-user-id=${uid}`;
    await expectProblem(await post(q(), { ...ADD_FARMING, redirectUrl: "https://evil.example/" }), 400, "AUTH-00021");
    const wrongRight = { resource: [{ id: "urn:altinn:resource", value: "not-on-system" }] };
    await expectProblem(await post(q(), { requiredRights: [wrongRight] }), 400, "AUTH-00001");
    const notFound = await expectProblem(
      await post(q(), { requiredAccessPackages: [{ urn: "urn:altinn:accesspackage:revisormedarbeider" }] }),
      400,
      "AUTH-00063",
    );
    expect(notFound.NotFoundPackages).toBe("urn:altinn:accesspackage:revisormedarbeider");
    await expectProblem(await post(q(), { requiredAccessPackages: [{ urn: PKG.client }] }), 400, "AUTH-00064");
  });

  it("answers NoChangeNeeded (200, empty confirmUrl) when all four lists are empty, without storing it", async () => {
    const user = await systemUser(fx);
    const correlation = randomUUID();
    const res = await post(`?correlation-id=${correlation}&system-user-id=${String(user.id)}`, { redirectUrl: "" });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: correlation, status: "NoChangeNeeded", confirmUrl: "" });
    await expectProblem(await api(fx.emu.url, fx.token, "GET", `${CR}/${correlation}`), 404, "AUTH-00010");
  });

  it("refuses agent system users (AUTH-00015)", async () => {
    const agent = await systemUser(fx, "agent");
    expect(agent.userType).toBe("agent");
    await expectProblem(
      await post(`?correlation-id=${randomUUID()}&system-user-id=${String(agent.id)}`, {
        requiredAccessPackages: [{ urn: PKG.client }],
      }),
      404,
      "AUTH-00015",
    );
  });

  it("reads by id, byexternalref and bysystem (paginated), and deletes (202)", async () => {
    const user = await systemUser(fx);
    const ids: string[] = [];
    for (let i = 0; i < 51; i++) {
      const id = randomUUID();
      ids.push(id);
      expect((await post(`?correlation-id=${id}&system-user-id=${String(user.id)}`, ADD_FARMING)).status).toBe(201);
    }
    ids.sort();
    const one = await json(await api(fx.emu.url, fx.token, "GET", `${CR}/${ids[0] ?? ""}`));
    expect(one.systemUserId).toBe(user.id);
    const byRef = await json(
      await api(fx.emu.url, fx.token, "GET", `${CR}/byexternalref/${SYSTEM_ID}/${CUSTOMER_ORG}/${CUSTOMER_ORG}`),
    );
    expect(byRef.status).toBe("New");
    const first = await json(await api(fx.emu.url, fx.token, "GET", `${CR}/bysystem/${SYSTEM_ID}`));
    expect((first.data as unknown[]).length).toBe(50);
    const token = Buffer.from(JSON.stringify(ids[49]), "utf8").toString("base64url");
    expect(first.links).toEqual({
      next: `${fx.emu.url}/authentication/api/v1/systemuser/changerequest/vendor/bysystem/${SYSTEM_ID}?token=${token}`,
    });
    const second = await json(await api(fx.emu.url, fx.token, "GET", `${CR}/bysystem/${SYSTEM_ID}?token=${token}`));
    expect(second).toMatchObject({ links: {}, data: [{ id: ids[50] }] });
    const del = await api(fx.emu.url, fx.token, "DELETE", `${CR}/${ids[0] ?? ""}`);
    expect(del.status).toBe(202);
    expect(await del.text()).toBe("");
    await expectProblem(await api(fx.emu.url, fx.token, "GET", `${CR}/${ids[0] ?? ""}`), 404, "AUTH-00010");
    await expectProblem(await api(fx.emu.url, fx.token, "DELETE", `${CR}/${ids[0] ?? ""}`), 404, "AUTH-00010");
    const otherToken = await accessToken(
      fx.emu.url,
      await registerClient(fx.emu.url, await newKey(), OTHER_VENDOR_ORG),
    );
    await expectProblem(await api(fx.emu.url, otherToken, "GET", `${CR}/bysystem/${SYSTEM_ID}`), 404, "AUTH-00011");
    await expectProblem(await api(fx.emu.url, otherToken, "GET", `${CR}/${ids[1] ?? ""}`), 404, "AUTH-00011");
  });
});
