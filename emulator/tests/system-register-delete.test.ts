import { beforeEach, describe, expect, it } from "vitest";
import { api, json, OTHER_VENDOR_ORG, sharedEmulator, VENDOR_ORG, VENDOR_SCOPES } from "./helpers";
import { ADMIN_SCOPE, createSystem, expectEmpty, expectText, right, tokenFor } from "./register-helpers";

const emu = sharedEmulator();
let token: string;
const ID = `${VENDOR_ORG}_del`;
const PATH = `/systemregister/vendor/${ID}`;

beforeEach(async () => {
  token = await tokenFor(emu.url, VENDOR_ORG, VENDOR_SCOPES);
});

async function list(res: Response): Promise<Record<string, unknown>[]> {
  const body: unknown = await res.json();
  if (!Array.isArray(body)) throw new Error("expected a list");
  return body.map((e: unknown) => (typeof e === "object" && e !== null ? Object.fromEntries(Object.entries(e)) : {}));
}

describe("DELETE /systemregister/vendor/{systemId}", () => {
  it("soft-deletes: GET still returns it with isDeleted, the list drops it", async () => {
    await createSystem(emu.url, token, "del");
    const res = await api(emu.url, token, "DELETE", PATH);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ succeeded: true });
    expect(await json(await api(emu.url, token, "GET", PATH))).toMatchObject({ id: ID, isDeleted: true });
    expect(await list(await api(emu.url, token, "GET", "/systemregister/vendor"))).toEqual([]);
  });

  it("lists only the caller's own systems", async () => {
    await createSystem(emu.url, token, "mine");
    const other = await tokenFor(emu.url, OTHER_VENDOR_ORG, VENDOR_SCOPES);
    await createSystem(emu.url, other, "theirs", {}, OTHER_VENDOR_ORG);
    expect((await list(await api(emu.url, token, "GET", "/systemregister/vendor"))).map((s) => s.systemId)).toEqual([
      `${VENDOR_ORG}_mine`,
    ]);
  });

  it("lets an admin-scoped caller of another org delete, logged under that org", async () => {
    await createSystem(emu.url, token, "del");
    const admin = await tokenFor(emu.url, OTHER_VENDOR_ORG, [ADMIN_SCOPE]);
    expect((await api(emu.url, admin, "DELETE", PATH)).status).toBe(200);
    const entries = await list(await api(emu.url, admin, "GET", `${PATH}/changelog`));
    expect(entries.map((e) => [e.changeType, e.changedByOrgNumber])).toEqual([
      ["create", VENDOR_ORG],
      ["delete", OTHER_VENDOR_ORG],
    ]);
  });

  it("answers an ASP.NET ValidationProblem for an unknown system", async () => {
    const res = await api(emu.url, token, "DELETE", `/systemregister/vendor/${VENDOR_ORG}_nope`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await json(res);
    expect(body).toMatchObject({
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
      title: "One or more validation errors occurred.",
      status: 400,
      errors: { return: ["System not found"] },
    });
    expect(body).not.toHaveProperty("validationErrors");
  });

  it("forbids deleting another vendor's system", async () => {
    await createSystem(emu.url, token, "del");
    const other = await tokenFor(emu.url, OTHER_VENDOR_ORG, VENDOR_SCOPES);
    await expectEmpty(await api(emu.url, other, "DELETE", PATH), 403);
    expect(await json(await api(emu.url, token, "GET", PATH))).toMatchObject({ isDeleted: false });
  });
});

describe("GET /systemregister/vendor/{systemId}/changelog", () => {
  it("records create, update, rightsupdate, accesspackageupdate and delete in order", async () => {
    const body = await createSystem(emu.url, token, "del", { isVisible: false });
    expect((await api(emu.url, token, "PUT", PATH, { ...body, name: { nb: "Ny" } })).status).toBe(200);
    expect((await api(emu.url, token, "PUT", `${PATH}/rights`, [right("nav-a-melding")])).status).toBe(200);
    expect(
      (await api(emu.url, token, "PUT", `${PATH}/accesspackages`, [{ urn: "urn:altinn:accesspackage:lonn" }])).status,
    ).toBe(200);
    expect((await api(emu.url, token, "DELETE", PATH)).status).toBe(200);

    const got = await json(await api(emu.url, token, "GET", PATH));
    const entries = await list(await api(emu.url, token, "GET", `${PATH}/changelog`));
    expect(entries.map((e) => e.changeType)).toEqual([
      "create",
      "update",
      "rightsupdate",
      "accesspackageupdate",
      "delete",
    ]);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(
        expect.arrayContaining(["changeType", "changedByOrgNumber", "clientId", "created", "systemInternalId"]),
      );
      expect(e.changedByOrgNumber).toBe(VENDOR_ORG);
      expect(typeof e.clientId).toBe("string");
      expect(Number.isNaN(Date.parse(String(e.created)))).toBe(false);
    }
    const internalIds = new Set(entries.map((e) => e.systemInternalId));
    expect(internalIds.size).toBe(1);
    expect(entries[0]?.changedData).toMatchObject({ id: ID, vendor: { ID: `0192:${VENDOR_ORG}` }, isVisible: false });
    expect(entries[1]?.changedData).toMatchObject({ name: { nb: "Ny" } });
    expect(entries[2]?.changedData).toEqual([right("nav-a-melding")]);
    expect(entries[3]?.changedData).toEqual([{ urn: "urn:altinn:accesspackage:lonn" }]);
    expect(entries[4]).not.toHaveProperty("changedData");
    expect(got.isDeleted).toBe(true);
  });

  it("answers 404 text for an unknown system and 403 for another vendor", async () => {
    await expectText(
      await api(emu.url, token, "GET", `/systemregister/vendor/${VENDOR_ORG}_nope/changelog`),
      404,
      `System with ID ${VENDOR_ORG}_nope not found.`,
    );
    await createSystem(emu.url, token, "del");
    const other = await tokenFor(emu.url, OTHER_VENDOR_ORG, VENDOR_SCOPES);
    await expectEmpty(await api(emu.url, other, "GET", `${PATH}/changelog`), 403);
  });

  it("does not log failed writes", async () => {
    await createSystem(emu.url, token, "del");
    expect((await api(emu.url, token, "PUT", `${PATH}/rights`, [right("ukjent")])).status).toBe(400);
    expect((await list(await api(emu.url, token, "GET", `${PATH}/changelog`))).map((e) => e.changeType)).toEqual([
      "create",
    ]);
  });
});
