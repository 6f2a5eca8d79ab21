import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { apiOrgs, callApi, createKey, operations, type Ops } from "../api-client";
import { decideRequest } from "../emulator-controls";
import { addOrganisations } from "../helpers";
import { seedSystem, type SeededSystem } from "../seed";

/** A request's life over the API: withdraw, refresh, the system user, renew, and onboarding links. */
export function apiLifecycleTests(ref: PortalRef) {
  const s = { ops: {} as Ops, key: "", system: {} as SeededSystem };
  const create = async (body: Record<string, unknown>) =>
    callApi(s.ops.createRequestOp, { key: s.key, path: "/requests", body: { systemId: s.system.id, ...body } });
  const at = (op: Ops["getRequestOp"], id: string, suffix = "") =>
    callApi(op, { key: s.key, path: `/requests/${id}${suffix}`, params: { id } });

  beforeAll(async () => {
    const p = ref();
    s.ops = await operations();
    s.system = await seedSystem(p, {
      prefix: "api-life",
      extraRedirectUrls: ["https://erp.vendor.example/return"],
    });
    const scopes = ["requests:read", "requests:write"] as const;
    s.key = (await createKey(p.environment, { name: "lifecycle", scopes: [...scopes] })).secret;
  });

  it("withdraws a waiting request (204, again 204); an accepted one cannot be withdrawn", async () => {
    const p = ref();
    const [waiting = "", accepted = ""] = apiOrgs.take(2);
    await addOrganisations(p, [waiting, accepted]);
    const request = await create({ orgNo: waiting });
    const id = String(request.json.id);
    expect((await at(s.ops.withdrawRequestOp, id)).status).toBe(204);
    const row = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id } });
    expect(row.nextCheckAt).toBeNull();
    const after = await at(s.ops.getRequestOp, id);
    expect(after.json).toMatchObject({ status: "New", deletedAt: expect.any(String) });
    expect((await at(s.ops.withdrawRequestOp, id)).status).toBe(204);
    expect(await p.db.requestEvent.count({ where: { requestId: id, kind: "deleted" } })).toBe(1);
    // Altinn forgot it: asking again makes a new request, not the withdrawn one.
    const fresh = await create({ orgNo: waiting });
    expect(fresh.status).toBe(201);
    expect(fresh.json.id).not.toBe(id);

    const other = await create({ orgNo: accepted });
    await decideRequest(p, String(other.json.altinnRequestId), "approve");
    const refreshed = await at(s.ops.refreshRequestOp, String(other.json.id), "/refresh");
    expect(refreshed.json).toMatchObject({ status: "Accepted", systemUserId: expect.any(String) });
    const refused = await at(s.ops.withdrawRequestOp, String(other.json.id));
    expect(refused.json).toMatchObject({ status: 409, code: "request_not_open" });
    const renew = await at(s.ops.renewRequestOp, String(other.json.id), "/renew");
    expect(renew.json).toMatchObject({ status: 409, code: "request_not_renewable" });
  });

  it("lists a customer's system user once the request is accepted, and gets it by Altinn's id", async () => {
    const p = ref();
    const orgNo = apiOrgs.one();
    await addOrganisations(p, [orgNo]);
    const request = await create({ orgNo });
    await decideRequest(p, String(request.json.altinnRequestId), "approve");
    const accepted = await at(s.ops.refreshRequestOp, String(request.json.id), "/refresh");
    const userId = String(accepted.json.systemUserId);
    const list = await callApi(s.ops.listSystemUsersOp, {
      key: s.key,
      path: `/system-users?systemId=${s.system.systemId}&orgNo=${orgNo}`,
    });
    expect(list.json).toMatchObject({ hasMore: false, nextCursor: null });
    expect(list.json.data).toEqual([
      expect.objectContaining({ id: userId, orgNo, systemId: s.system.id, requestId: request.json.id }),
    ]);
    const one = await callApi(s.ops.getSystemUserOp, {
      key: s.key,
      path: `/system-users/${userId}`,
      params: { id: userId },
    });
    expect(one.json).toMatchObject({ id: userId, altinnSystemId: s.system.systemId, deletedAt: null });
  });

  it("renews a rejected request: 201 with a new request, the old one marked deleted", async () => {
    const p = ref();
    const orgNo = apiOrgs.one();
    await addOrganisations(p, [orgNo]);
    const request = await create({ orgNo });
    const id = String(request.json.id);
    await decideRequest(p, String(request.json.altinnRequestId), "reject");
    expect((await at(s.ops.refreshRequestOp, id, "/refresh")).json.status).toBe("Rejected");
    const renewed = await at(s.ops.renewRequestOp, id, "/renew");
    expect(renewed.status, JSON.stringify(renewed.json)).toBe(201);
    expect(renewed.json).toMatchObject({ status: "New", orgNo });
    expect(renewed.json.id).not.toBe(id);
    expect((await at(s.ops.getRequestOp, id)).json.deletedAt).toEqual(expect.any(String));
    const via = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: String(renewed.json.id) } });
    expect(via.createdVia).toBe("api");
  });

  it("sends the customer back to the vendor's own registered URL; an unregistered one is 422", async () => {
    const p = ref();
    const [own = "", stranger = ""] = apiOrgs.take(2);
    await addOrganisations(p, [own, stranger]);
    const redirectUrl = "https://erp.vendor.example/return?state=order-17";
    const made = await create({ orgNo: own, redirectUrl });
    expect(made.status).toBe(201);
    const row = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: String(made.json.id) } });
    expect(row.redirectUrl).toBe(redirectUrl);
    const refused = await create({ orgNo: stranger, redirectUrl: "https://evil.example/return" });
    expect(refused.json).toMatchObject({
      status: 422,
      code: "redirect_not_registered",
      errors: [{ path: "body.redirectUrl" }],
    });
    expect(await p.db.customer.count({ where: { orgNo: stranger } })).toBe(0);
  });

  it("makes a signed onboarding link for a customer not yet known, by Altinn's system id", async () => {
    const p = ref();
    const orgNo = apiOrgs.one();
    const link = await callApi(s.ops.createOnboardingLinkOp, {
      key: s.key,
      path: "/onboarding-links",
      body: { systemId: s.system.systemId, orgNo },
    });
    expect(link.status, JSON.stringify(link.json)).toBe(201);
    const url = new URL(String(link.json.url));
    // An encrypted token (JWE compact, direct key: the key part is empty); it names nothing readable.
    expect(url.pathname).toMatch(/^\/onboard\/l\/[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(url.pathname).not.toContain(orgNo);
    const days = (Date.parse(String(link.json.expiresAt)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    const { resolveOnboardingLink } = await import("@/lib/onboarding/links");
    const resolved = await resolveOnboardingLink(url.pathname.split("/").at(-1) ?? "");
    expect(resolved).toMatchObject({ orgNo, system: { systemId: s.system.systemId } });
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "onboarding_link.create" },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({ actorType: "api_key" });
    const unknown = await callApi(s.ops.createOnboardingLinkOp, {
      key: s.key,
      path: "/onboarding-links",
      body: { systemId: "991825827_nope", orgNo },
    });
    expect(unknown.json).toMatchObject({ status: 404, code: "not_found" });
  });
}
