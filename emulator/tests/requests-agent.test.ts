import { describe, expect, it } from "vitest";
import { api, CUSTOMER_ORG, json } from "./helpers";
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
} from "./request-fixture";

const fx = setupFixture();
const AGENT = "/systemuser/request/vendor/agent";

describe("agent requests (POST vendor/agent)", () => {
  it("creates an agent request (201) with the agentrequest confirmUrl and no rights, then is idempotent (200)", async () => {
    const res = await api(fx.emu.url, fx.token, "POST", AGENT, agentBody());
    expect(res.status).toBe(201);
    const body = await json(res);
    const id = String(body.id);
    expect(res.headers.get("location")).toBe(`${fx.emu.url}/authentication/api/v1/systemuser/request/${id}`);
    expect(body).toEqual({
      id,
      integrationTitle: "Fikstur Regnskap",
      externalRef: CUSTOMER_ORG,
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORG,
      accessPackages: [{ urn: PKG.client }],
      status: "New",
      redirectUrl: REDIRECT,
      confirmUrl: `${fx.emu.url}/accessmanagement/ui/systemuser/agentrequest?id=${id}&DONTCHOOSEREPORTEE=true`,
      escalated: false,
      created: "0001-01-01T00:00:00",
      timedOut: false,
    });
    // Idempotent before validation: even an invalid body for the same triple returns the request.
    const again = await create(fx, AGENT, agentBody({ accessPackages: [] }), 200);
    expect(again.id).toBe(id);
    expect(again.created).not.toBe("0001-01-01T00:00:00");
  });

  it("requires packages (AUTH-00058) and delegable ones (AUTH-00065 with NotDelegablePackages)", async () => {
    await expectProblem(
      await api(fx.emu.url, fx.token, "POST", AGENT, agentBody({ accessPackages: [] })),
      400,
      "AUTH-00058",
    );
    await expectProblem(
      await api(fx.emu.url, fx.token, "POST", AGENT, agentBody({ accessPackages: null })),
      400,
      "AUTH-00058",
    );
    const res = await api(
      fx.emu.url,
      fx.token,
      "POST",
      AGENT,
      agentBody({ accessPackages: [{ urn: PKG.adminOnly }, { urn: PKG.client }] }),
    );
    const body = await expectProblem(res, 400, "AUTH-00065");
    expect(body.NotDelegablePackages).toBe(PKG.adminOnly);
    expect(body.title).toBe(
      "One or more access packages cannot be delegated because they are not intended for client relationships",
    );
  });

  it("checks in the §4.1 order: system, party, redirect, then packages", async () => {
    await expectProblem(
      await api(fx.emu.url, fx.token, "POST", AGENT, agentBody({ systemId: "991825827_none", accessPackages: [] })),
      404,
      "AUTH-00011",
    );
    await expectProblem(
      await api(fx.emu.url, fx.token, "POST", AGENT, agentBody({ partyOrgNo: "999999999", accessPackages: [] })),
      400,
      "AUTH-00000",
    );
    await expectProblem(
      await api(
        fx.emu.url,
        fx.token,
        "POST",
        AGENT,
        agentBody({ redirectUrl: "https://evil.example/x", accessPackages: [] }),
      ),
      400,
      "AUTH-00021",
    );
    const notOnSystem = await api(
      fx.emu.url,
      fx.token,
      "POST",
      AGENT,
      agentBody({ accessPackages: [{ urn: "urn:altinn:accesspackage:revisormedarbeider" }] }),
    );
    expect((await expectProblem(notOnSystem, 400, "AUTH-00063")).NotFoundPackages).toBe(
      "urn:altinn:accesspackage:revisormedarbeider",
    );
  });

  it("a standard request may not hold a client package (AUTH-00064)", async () => {
    await expectProblem(
      await api(
        fx.emu.url,
        fx.token,
        "POST",
        "/systemuser/request/vendor",
        standardBody({ accessPackages: [{ urn: PKG.client }] }),
      ),
      400,
      "AUTH-00064",
    );
  });

  it("GET vendor/agent/{id}: agent model, AUTH-00025 for a standard request, AUTH-00010 when unknown", async () => {
    const agent = await create(fx, AGENT, agentBody());
    const got = await json(
      await api(fx.emu.url, fx.token, "GET", `/systemuser/request/vendor/agent/${String(agent.id)}`),
    );
    expect(got).toMatchObject({ id: agent.id, status: "New", accessPackages: [{ urn: PKG.client }] });
    expect(got).not.toHaveProperty("rights");
    expect(Date.parse(String(got.created))).toBeGreaterThan(Date.now() - 60_000);
    const standard = await create(fx, "/systemuser/request/vendor", standardBody({ rights: [RIGHT] }));
    const wrong = await api(fx.emu.url, fx.token, "GET", `/systemuser/request/vendor/agent/${String(standard.id)}`);
    expect((await expectProblem(wrong, 400, "AUTH-00025")).title).toBe(
      "The request id is valid but its not a valid request for creating an agent system user",
    );
    await expectProblem(
      await api(fx.emu.url, fx.token, "GET", "/systemuser/request/vendor/agent/6f1e0a4e-64c4-4f53-9a0b-8d3b1a2c3d4e"),
      404,
      "AUTH-00010",
    );
  });

  it("GET and DELETE vendor/{id} also serve agent requests, in the agent model", async () => {
    const agent = await create(fx, AGENT, agentBody());
    const id = String(agent.id);
    const got = await json(await api(fx.emu.url, fx.token, "GET", `/systemuser/request/vendor/${id}`));
    expect(got.confirmUrl).toBe(
      `${fx.emu.url}/accessmanagement/ui/systemuser/agentrequest?id=${id}&DONTCHOOSEREPORTEE=true`,
    );
    expect(got).not.toHaveProperty("rights");
    expect((await api(fx.emu.url, fx.token, "DELETE", `/systemuser/request/vendor/${id}`)).status).toBe(202);
    await expectProblem(
      await api(fx.emu.url, fx.token, "GET", `/systemuser/request/vendor/agent/${id}`),
      404,
      "AUTH-00010",
    );
    expect((await create(fx, AGENT, agentBody())).id).not.toBe(id);
  });

  it("approving creates an agent system user owned by the party; a second decision is 409 AUTH-00013", async () => {
    const agent = await create(fx, AGENT, agentBody({ externalRef: "klient-1" }));
    const res = await admin(fx, "POST", `/agentrequests/${String(agent.id)}/approve`);
    expect(res.status).toBe(200);
    expect((await json(res)).status).toBe("Accepted");
    const q = `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORG}&external-ref=klient-1`;
    expect(await json(await api(fx.emu.url, fx.token, "GET", q))).toMatchObject({
      userType: "agent",
      reporteeOrgNo: CUSTOMER_ORG,
      externalRef: "klient-1",
    });
    await expectProblem(await admin(fx, "POST", `/agentrequests/${String(agent.id)}/reject`), 409, "AUTH-00013");
    // The agent shortcut refuses standard requests.
    const standard = await create(fx, "/systemuser/request/vendor", standardBody());
    await expectProblem(await admin(fx, "POST", `/agentrequests/${String(standard.id)}/approve`), 404, "AUTH-00010");
  });
});
