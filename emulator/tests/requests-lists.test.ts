import { describe, expect, it } from "vitest";
import { accessToken, api, CUSTOMER_ORG, json, newKey, OTHER_VENDOR_ORG, registerClient, systemBody } from "./helpers";
import {
  advanceDays,
  agentBody,
  create,
  expectProblem,
  standardBody,
  SYSTEM_ID,
  setupFixture,
} from "./request-fixture";

const fx = setupFixture();
const STD = "/systemuser/request/vendor";

async function otherVendorToken(): Promise<string> {
  const token = await accessToken(fx.emu.url, await registerClient(fx.emu.url, await newKey(), OTHER_VENDOR_ORG));
  expect(
    (await api(fx.emu.url, token, "POST", "/systemregister/vendor", systemBody(`${OTHER_VENDOR_ORG}_other`))).status,
  ).toBe(200);
  return token;
}

describe("request lists and lookups", () => {
  it("byexternalref finds standard and agent requests separately (AUTH-00010, AUTH-00011)", async () => {
    const std = await create(fx, STD, standardBody({ externalRef: "ref-a" }));
    const agent = await create(fx, `${STD}/agent`, agentBody({ externalRef: "ref-a" }));
    const path = `/byexternalref/${SYSTEM_ID}/${CUSTOMER_ORG}/ref-a`;
    expect((await json(await api(fx.emu.url, fx.token, "GET", `${STD}${path}`))).id).toBe(std.id);
    expect((await json(await api(fx.emu.url, fx.token, "GET", `${STD}/agent${path}`))).id).toBe(agent.id);
    await expectProblem(
      await api(fx.emu.url, fx.token, "GET", `${STD}/byexternalref/${SYSTEM_ID}/${CUSTOMER_ORG}/nope`),
      404,
      "AUTH-00010",
    );
    const other = await otherVendorToken();
    await expectProblem(await api(fx.emu.url, other, "GET", `${STD}${path}`), 404, "AUTH-00011");
    await expectProblem(await api(fx.emu.url, other, "GET", `${STD}/agent${path}`), 404, "AUTH-00011");
  });

  it("bysystem pages 50 at a time ordered by id, with a base64url JSON GUID token and links {} at the end", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 53; i++)
      ids.push(String((await create(fx, STD, standardBody({ externalRef: `ref-${i}` }))).id));
    await create(fx, `${STD}/agent`, agentBody());
    ids.sort();
    const first = await json(await api(fx.emu.url, fx.token, "GET", `${STD}/bysystem/${SYSTEM_ID}`));
    const firstData = first.data as Record<string, unknown>[];
    expect(firstData.map((r) => r.id)).toEqual(ids.slice(0, 50));
    const token = Buffer.from(JSON.stringify(ids[49]), "utf8").toString("base64url");
    expect(first.links).toEqual({
      next: `${fx.emu.url}/authentication/api/v1/systemuser/request/vendor/bysystem/${SYSTEM_ID}?token=${token}`,
    });
    const second = await json(await api(fx.emu.url, fx.token, "GET", `${STD}/bysystem/${SYSTEM_ID}?token=${token}`));
    expect(second.links).toEqual({});
    expect((second.data as Record<string, unknown>[]).map((r) => r.id)).toEqual(ids.slice(50));
    // The agent list holds only the agent request.
    const agents = await json(await api(fx.emu.url, fx.token, "GET", `${STD}/agent/bysystem/${SYSTEM_ID}`));
    expect(agents.links).toEqual({});
    expect((agents.data as Record<string, unknown>[]).map((r) => r.partyOrgNo)).toEqual([CUSTOMER_ORG]);
  });

  it("bysystem answers AUTH-00011 for a system the caller does not own and 400 for a bad token", async () => {
    const other = await otherVendorToken();
    await expectProblem(await api(fx.emu.url, other, "GET", `${STD}/bysystem/${SYSTEM_ID}`), 404, "AUTH-00011");
    await expectProblem(await api(fx.emu.url, other, "GET", `${STD}/agent/bysystem/${SYSTEM_ID}`), 404, "AUTH-00011");
    await expectProblem(await api(fx.emu.url, fx.token, "GET", `${STD}/bysystem/991825827_unknown`), 404, "AUTH-00011");
    const bad = await api(fx.emu.url, fx.token, "GET", `${STD}/bysystem/${SYSTEM_ID}?token=MTQ3Ng`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors).toEqual({ token: ["The value 'MTQ3Ng' is not valid."] });
  });

  it("needs the read scope (403) for the lists", async () => {
    const writeOnly = await accessToken(
      fx.emu.url,
      await registerClient(fx.emu.url, await newKey()),
      "altinn:authentication/systemuser.request.write",
    );
    const res = await api(fx.emu.url, writeOnly, "GET", `${STD}/bysystem/${SYSTEM_ID}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("");
  });
});

describe("idempotency per triple", () => {
  it("returns a Rejected request (200) but not a Timedout one, and keeps standard and agent triples apart", async () => {
    const first = await create(fx, STD, standardBody());
    expect((await fetch(`${fx.emu.url}/emulator/requests/${String(first.id)}/reject`, { method: "POST" })).status).toBe(
      200,
    );
    expect(await create(fx, STD, standardBody(), 200)).toMatchObject({ id: first.id, status: "Rejected" });
    fx.emu.emulator.store.mutate((d) => {
      const stored = d.requests.find((r) => r.id === first.id);
      if (stored) stored.status = "Timedout";
    });
    const fresh = await create(fx, STD, standardBody());
    expect(fresh.id).not.toBe(first.id);
    const agent = await create(fx, `${STD}/agent`, agentBody());
    expect(agent.id).not.toBe(fresh.id);
  });
});

describe("the 28-day soft delete (emulated clock)", () => {
  it("treats a request older than 28 days as deleted everywhere and allows a new create for the triple", async () => {
    const old = await create(fx, STD, standardBody());
    const id = String(old.id);
    await advanceDays(fx, 27);
    expect((await api(fx.emu.url, fx.token, "GET", `${STD}/${id}`)).status).toBe(200);
    expect((await create(fx, STD, standardBody(), 200)).id).toBe(id);
    await advanceDays(fx, 1.01);
    await expectProblem(await api(fx.emu.url, fx.token, "GET", `${STD}/${id}`), 404, "AUTH-00010");
    await expectProblem(
      await api(fx.emu.url, fx.token, "GET", `${STD}/byexternalref/${SYSTEM_ID}/${CUSTOMER_ORG}/${CUSTOMER_ORG}`),
      404,
      "AUTH-00010",
    );
    await expectProblem(await api(fx.emu.url, fx.token, "DELETE", `${STD}/${id}`), 404, "AUTH-00010");
    const list = await json(await api(fx.emu.url, fx.token, "GET", `${STD}/bysystem/${SYSTEM_ID}`));
    expect(list).toEqual({ links: {}, data: [] });
    expect((await fetch(String(old.confirmUrl))).status).toBe(404);
    await expectProblem(
      await fetch(`${fx.emu.url}/emulator/requests/${id}/approve`, { method: "POST" }),
      404,
      "AUTH-00010",
    );
    const fresh = await create(fx, STD, standardBody());
    expect(fresh.id).not.toBe(id);
    // The stored `created` follows the emulated clock, not the wall clock.
    const stored = await json(await api(fx.emu.url, fx.token, "GET", `${STD}/${String(fresh.id)}`));
    expect(Date.parse(String(stored.created))).toBeGreaterThan(Date.now() + 27 * 24 * 60 * 60 * 1000);
    expect(stored.timedOut).toBe(false);
  });
});
