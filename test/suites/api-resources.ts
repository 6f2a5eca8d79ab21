import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { apiOrgs, callApi, createKey, operations, type Ops } from "../api-client";
import { withFault } from "../emulator-controls";
import { addOrganisations, CALLBACK } from "../helpers";
import { uniqueName } from "../seed";

const SCOPES = [
  "systems:read",
  "systems:write",
  "customers:read",
  "customers:write",
  "requests:read",
  "requests:write",
];

/** What the portal called at Altinn about one system (the call log, filtered by its id in the path). */
const altinnCallsFor = (p: Portal, systemId: string) =>
  p.db.outboundCall.count({
    where: { environmentId: p.environmentId, service: "altinn", path: { contains: systemId } },
  });

const definition = (overrides: Record<string, unknown> = {}) => ({
  displayName: { nb: "Lønnssynk", nn: "Lønssynk", en: "Payroll sync" },
  description: { nb: "Sender lønnsdata", nn: "Sender lønsdata", en: "Sends payroll data" },
  accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
  redirectUrls: [CALLBACK, "https://erp.vendor.example/return"],
  ...overrides,
});

/** Follows `nextCursor` to the end, checking each page's size; returns every id in order. */
async function walk(list: (cursor: string | null) => Promise<{ status: number; json: Record<string, unknown> }>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const r = await list(cursor);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    ids.push(...(r.json.data as { id: string }[]).map((d) => d.id));
    cursor = r.json.nextCursor as string | null;
    expect(r.json.hasMore).toBe(cursor !== null);
    if (!cursor) return ids;
  }
  throw new Error("the list never ended");
}

export function apiResourceTests(ref: PortalRef) {
  const s = { ops: {} as Ops, key: "" };

  beforeAll(async () => {
    s.ops = await operations();
    s.key = (await createKey(ref().environment, { name: "vendor ci", scopes: SCOPES as never })).secret;
  });

  it("registers a system, finds it by Altinn's id, and applies an unchanged definition without calling Altinn", async () => {
    const p = ref();
    const name = uniqueName("api-sys");
    const created = await callApi(s.ops.createSystemOp, {
      key: s.key,
      path: "/systems",
      body: { name, ...definition({ rights: ["ske-skattegrunnlag"] }) },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const systemId = `991825827_${name}`;
    expect(created.json).toMatchObject({
      systemId,
      name,
      registered: true,
      rights: ["ske-skattegrunnlag"],
      redirectUrls: [CALLBACK, "https://erp.vendor.example/return"],
    });
    const byAltinnId = await callApi(s.ops.getSystemOp, {
      key: s.key,
      path: `/systems/${systemId}`,
      params: { id: systemId },
    });
    expect(byAltinnId.json.id).toBe(created.json.id);

    const put = (body: unknown) =>
      callApi(s.ops.replaceSystemOp, { key: s.key, path: "/systems/x", params: { id: systemId }, body });
    const callsBefore = await altinnCallsFor(p, systemId);
    const auditBefore = await p.db.auditEvent.count({ where: { action: "system.update" } });
    const same = await put(
      definition({ rights: ["ske-skattegrunnlag"], redirectUrls: ["https://erp.vendor.example/return", CALLBACK] }),
    );
    expect(same.status).toBe(200);
    expect(same.json.updatedAt).toBe(created.json.updatedAt);
    expect(await altinnCallsFor(p, systemId)).toBe(callsBefore);
    expect(await p.db.auditEvent.count({ where: { action: "system.update" } })).toBe(auditBefore);

    const changed = await put(definition({ displayName: { nb: "Lønn", nn: "Løn", en: "Payroll" } }));
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json).toMatchObject({ displayName: { en: "Payroll" }, rights: [] });
    expect(await altinnCallsFor(p, systemId)).toBe(callsBefore + 2); // GET the whole system, PUT it back

    const again = await callApi(s.ops.createSystemOp, {
      key: s.key,
      path: "/systems",
      body: { name, ...definition() },
    });
    expect(again.json).toMatchObject({ status: 409, code: "system_exists" });
    const missing = await callApi(s.ops.getSystemOp, {
      key: s.key,
      path: "/systems/nope",
      params: { id: "991825827_nope" },
    });
    expect(missing.json).toMatchObject({ status: 404, code: "not_found" });
  });

  it("maps Altinn's refusals and outages to stable codes, with Altinn's own in upstreamCode", async () => {
    const p = ref();
    const create = (name: string, extra: Record<string, unknown> = {}) =>
      callApi(s.ops.createSystemOp, { key: s.key, path: "/systems", body: { name, ...definition(extra) } });
    const refused = await create(uniqueName("api-bad"), { rights: ["no-such-resource"] });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      code: "altinn_validation",
      upstreamCode: "AUTH.VLD-00003",
      errors: [{ path: "body.rights" }],
    });
    // A failure on our side releases the Idempotency-Key: the same retry runs again once Altinn is back.
    const name = uniqueName("api-down");
    const retry = () =>
      callApi(s.ops.createSystemOp, {
        key: s.key,
        path: "/systems",
        body: { name, ...definition() },
        headers: { "idempotency-key": `register-${name}` },
      });
    const fault = { path: "/authentication/api/v1/systemregister/vendor", status: 503, errorRate: 1 };
    const down = await withFault(p, fault, retry);
    expect(down.status).toBe(502);
    expect(down.json).toMatchObject({ code: "altinn_error" });
    expect(down.json.upstreamCode).toBeUndefined();
    expect(String(down.json.type)).toBe("http://127.0.0.1:3999/api-docs#problem-altinn_error");
    const back = await retry();
    expect(back.status, JSON.stringify(back.json)).toBe(201);
    expect(back.headers.get("idempotent-replayed")).toBeNull();
  });

  it("upserts customers by org number: 201 when new, 200 after; unchanged writes nothing; notes left out stay", async () => {
    const p = ref();
    const orgNo = apiOrgs.one();
    const put = (id: string, body: unknown) =>
      callApi(s.ops.upsertCustomerOp, { key: s.key, path: `/customers/${id}`, params: { id }, body });
    const first = await put(orgNo, { name: "Fjellsko AS", notes: "Pilot", tags: ["ERP", "pilot"] });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(first.json).toMatchObject({ orgNo, name: "Fjellsko AS", notes: "Pilot", tags: ["erp", "pilot"] });
    const audits = () => p.db.auditEvent.count({ where: { targetId: String(first.json.id) } });
    const before = await audits();
    const same = await put(orgNo, { name: "Fjellsko AS" });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ notes: "Pilot", tags: ["erp", "pilot"] });
    expect(await audits()).toBe(before);
    const renamed = await put(`${orgNo.slice(0, 3)} ${orgNo.slice(3)}`, { name: "Fjellsko Sko AS", tags: [] });
    expect(renamed.json).toMatchObject({ id: first.json.id, name: "Fjellsko Sko AS", notes: "Pilot", tags: [] });
    expect(await audits()).toBe(before + 1);
    const got = await callApi(s.ops.getCustomerOp, { key: s.key, path: `/customers/${orgNo}`, params: { id: orgNo } });
    expect(got.json.id).toBe(first.json.id);
    const bad = await put("123456789", { name: "X" });
    expect(bad.json).toMatchObject({ status: 400, code: "invalid_request", errors: [{ path: "path.id" }] });
  });

  it("walks every customer and every request exactly once, page by page, with the lists' filters", async () => {
    const p = ref();
    const tag = uniqueName("page").replace(/-/g, "_");
    const orgs = apiOrgs.take(7);
    for (const orgNo of orgs)
      await callApi(s.ops.upsertCustomerOp, {
        key: s.key,
        path: "/c",
        params: { id: orgNo },
        body: { name: "Side AS", tags: [tag] },
      });
    const customers = await walk((cursor) =>
      callApi(s.ops.listCustomersOp, {
        key: s.key,
        path: `/customers?limit=3&tag=${tag}${cursor ? `&cursor=${cursor}` : ""}`,
      }),
    );
    const expected = await p.db.customer.findMany({ where: { orgNo: { in: orgs } }, select: { id: true } });
    expect(customers).toHaveLength(7);
    expect(new Set(customers)).toEqual(new Set(expected.map((c) => c.id)));

    const name = uniqueName("api-page");
    const system = await callApi(s.ops.createSystemOp, {
      key: s.key,
      path: "/systems",
      body: { name, ...definition() },
    });
    await addOrganisations(p, orgs.slice(0, 5));
    for (const orgNo of orgs.slice(0, 5))
      expect(
        (
          await callApi(s.ops.createRequestOp, {
            key: s.key,
            path: "/requests",
            body: { systemId: system.json.id, orgNo },
          })
        ).status,
      ).toBe(201);
    const requests = await walk((cursor) =>
      callApi(s.ops.listRequestsOp, {
        key: s.key,
        path: `/requests?limit=2&systemId=${String(system.json.systemId)}${cursor ? `&cursor=${cursor}` : ""}`,
      }),
    );
    expect(requests).toHaveLength(5);
    expect(new Set(requests).size).toBe(5);
    const one = await callApi(s.ops.listRequestsOp, { key: s.key, path: `/requests?orgNo=${orgs[0]}&status=New` });
    expect((one.json.data as unknown[]).length).toBe(1);
    const systems = await walk((cursor) =>
      callApi(s.ops.listSystemsOp, { key: s.key, path: `/systems?limit=4${cursor ? `&cursor=${cursor}` : ""}` }),
    );
    expect(new Set(systems).size).toBe(systems.length);
    expect(systems).toContain(system.json.id);
  });
}
