import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, CUSTOMER_ORG, json } from "./helpers";
import {
  admin,
  agentBody,
  create,
  expectProblem,
  PKG,
  postForm,
  REDIRECT,
  standardBody,
  SYSTEM_ID,
  setupFixture,
} from "./request-fixture";

const fx = setupFixture();
const UI = "/accessmanagement/ui/systemuser";
const PERSON = "01048012345";

async function followLogout(post: Response, cookieName: string, id: string): Promise<Response> {
  expect(post.status).toBe(303);
  expect(post.headers.get("location")).toBe(`${fx.emu.url}/authentication/api/v1/logout/handleloggedout`);
  const cookie = (post.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toBe(`${cookieName}=${id}`);
  return fetch(`${fx.emu.url}/authentication/api/v1/logout/handleloggedout`, {
    headers: { cookie },
    redirect: "manual",
  });
}

describe("agent confirm page", () => {
  it("shows the agent request and approval redirects via SystemuserAgentRequestId to redirectUrl verbatim", async () => {
    const request = await create(fx, "/systemuser/request/vendor/agent", agentBody());
    const id = String(request.id);
    const html = await (await fetch(String(request.confirmUrl))).text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("Regnskapsfører lønn");
    expect(html).toContain('<label for="personId">');
    // A standard request id is not an agent request.
    const std = await create(fx, "/systemuser/request/vendor", standardBody());
    expect((await fetch(`${fx.emu.url}${UI}/agentrequest?id=${String(std.id)}`)).status).toBe(404);

    const out = await followLogout(
      await postForm(fx, `${UI}/agentrequest`, { id, personId: PERSON, decision: "approve" }),
      "SystemuserAgentRequestId",
      id,
    );
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe(REDIRECT);
    const got = await json(await api(fx.emu.url, fx.token, "GET", `/systemuser/request/vendor/agent/${id}`));
    expect(got.status).toBe("Accepted");
    const again = await postForm(fx, `${UI}/agentrequest`, { id, personId: PERSON, decision: "reject" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("AUTH-00013");
  });
});

describe("escalation", () => {
  it("sets escalated: true, keeps status New and shows a status message (page and admin)", async () => {
    const request = await create(fx, "/systemuser/request/vendor", standardBody());
    const id = String(request.id);
    const post = await postForm(fx, `${UI}/request`, { id, personId: PERSON, decision: "escalate" });
    expect(post.status).toBe(303);
    expect(post.headers.get("location")).toBe(`${fx.emu.url}${UI}/request?id=${id}`);
    const html = await (await fetch(post.headers.get("location") ?? "")).text();
    expect(html).toContain("sendt til virksomhetens tilgangsstyrere");
    expect(html).toContain(">Godkjenn</button>");
    expect(await json(await api(fx.emu.url, fx.token, "GET", `/systemuser/request/vendor/${id}`))).toMatchObject({
      status: "New",
      escalated: true,
    });

    const agent = await create(fx, "/systemuser/request/vendor/agent", agentBody());
    const res = await admin(fx, "POST", `/requests/${String(agent.id)}/escalate`);
    expect(await json(res)).toMatchObject({ status: "New", escalated: true });
    await admin(fx, "POST", `/agentrequests/${String(agent.id)}/reject`);
    await expectProblem(await admin(fx, "POST", `/requests/${String(agent.id)}/escalate`), 409, "AUTH-00013");
    await expectProblem(await admin(fx, "POST", `/requests/${randomUUID()}/escalate`), 404, "AUTH-00010");
  });
});

describe("change-request confirm page", () => {
  it("shows the change, escalates, and approval redirects via SystemuserChangeRequestId", async () => {
    const request = await create(fx, "/systemuser/request/vendor", standardBody());
    await admin(fx, "POST", `/requests/${String(request.id)}/approve`);
    const user = await json(
      await api(fx.emu.url, fx.token, "GET", `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORG}`),
    );
    const correlation = randomUUID();
    const created = await create(
      fx,
      `/systemuser/changerequest/vendor?correlation-id=${correlation}&system-user-id=${String(user.id)}`,
      {
        requiredAccessPackages: [{ urn: PKG.farming }],
        redirectUrl: "https://vendor.example/receipt?change=1",
      },
    );
    const html = await (await fetch(String(created.confirmUrl))).text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("Tilgangspakker som legges til");
    expect(html).toContain("Jordbruk");

    const esc = await postForm(fx, `${UI}/changerequest`, { id: correlation, personId: PERSON, decision: "escalate" });
    expect(esc.status).toBe(303);
    expect(await (await fetch(esc.headers.get("location") ?? "")).text()).toContain('role="status"');

    const out = await followLogout(
      await postForm(fx, `${UI}/changerequest`, { id: correlation, personId: PERSON, decision: "reject" }),
      "SystemuserChangeRequestId",
      correlation,
    );
    expect(out.headers.get("location")).toBe("https://vendor.example/receipt?change=1");
    expect(
      (await json(await api(fx.emu.url, fx.token, "GET", `/systemuser/changerequest/vendor/${correlation}`))).status,
    ).toBe("Rejected");
    expect(
      (await postForm(fx, `${UI}/changerequest`, { id: correlation, personId: PERSON, decision: "approve" })).status,
    ).toBe(409);
    expect((await fetch(`${fx.emu.url}${UI}/changerequest?id=${randomUUID()}`)).status).toBe(404);
  });
});
