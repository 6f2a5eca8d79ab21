import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { addOrganisations, altinnCall, CALLBACK, expectAppError, systemInput, withDeadUrl } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedRequest, uniqueName } from "../seed";

const [CUSTOMER = "", UNREACHED = ""] = orgNumbers(2, ORG_BLOCKS.outbound);
const REGISTER = "/authentication/api/v1/systemregister/vendor";
const CREATE = "/authentication/api/v1/systemuser/request/vendor";
const errorWhere = (p: Portal) => ({
  environmentId: p.environmentId,
  OR: [{ status: null }, { status: { gte: 400 } }],
});

export function outboundTests(ref: PortalRef) {
  // The log holds a success, an Altinn refusal and an outage of this suite's own making: a fresh grant,
  // a system registered and a request created; a name Altinn already has; a request while Altinn is down.
  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [CUSTOMER, UNREACHED]);
    p.m.tokens.clearTokenCache(p.environmentId);
    const { system } = await seedRequest(p, { orgNo: CUSTOMER });
    const taken = uniqueName("taken");
    const outside = await altinnCall(p, "/systemregister/vendor", "POST", {
      id: `991825827_${taken}`,
      vendor: { ID: "0192:991825827" },
      name: { nb: "X" },
      description: { nb: "X" },
      accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
      allowedRedirectUrls: [CALLBACK],
    });
    expect(outside.status).toBe(200);
    await expectAppError(
      p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, taken)),
      "AUTH.VLD-00002",
      400,
    );
    await withDeadUrl(p, "altinnBaseUrl", async () => {
      const scope = await p.freshScope(p.actors.operator);
      await expectAppError(
        p.m.requests.createRequest(scope, { systemId: system.id, orgNo: UNREACHED }),
        "altinn_unreachable",
        503,
      );
    });
  });

  it("records every call to Maskinporten and Altinn with its answer and who caused it, never a token", async () => {
    const p = ref();
    const calls = await p.m.calls.listOutboundCalls(p.scope(p.actors.auditor));
    const grant = calls.find((c) => c.service === "maskinporten" && c.status === 200);
    expect(grant).toMatchObject({ method: "POST", path: "/token", problemCode: null });
    const register = calls.find((c) => c.method === "POST" && c.path === REGISTER && c.status === 200);
    expect(register?.triggeredBy).toBe(p.actors.admin.email);
    const refused = calls.find((c) => c.method === "POST" && c.path === REGISTER && c.status === 400);
    expect(refused).toMatchObject({ problemCode: "AUTH.VLD-00002", triggeredBy: p.actors.admin.email });
    const create = calls.find((c) => c.path === CREATE && c.status === 201);
    expect(create?.triggeredBy).toBe(p.actors.operator.email);
    expect(create?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls.find((c) => c.status === null)).toMatchObject({
      problemCode: "unreachable",
      path: CREATE,
      triggeredBy: p.actors.operator.email,
    });
    const raw = JSON.stringify(await p.db.outboundCall.findMany({ omit: { seq: true } }));
    expect(raw).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT anywhere
  });

  it("groups failures by code, most frequent first, and filters to errors", async () => {
    const p = ref();
    const summary = await p.m.calls.summarizeErrors(p.scope(p.actors.operator));
    for (const code of ["unreachable", "AUTH.VLD-00002"]) {
      const logged = await p.db.outboundCall.count({ where: { environmentId: p.environmentId, problemCode: code } });
      expect(summary.find((s) => s.code === code)?.count, code).toBe(logged);
    }
    const counts = summary.map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const errors = await p.m.calls.listOutboundCalls(p.scope(p.actors.operator), { errorsOnly: true });
    // Every failed call, newest first, up to the page of 200; nothing else.
    expect(errors).toHaveLength(Math.min(200, await p.db.outboundCall.count({ where: errorWhere(p) })));
    expect(errors.every((c) => c.status === null || c.status >= 400)).toBe(true);
    expect(errors.map((e) => e.problemCode)).toEqual(expect.arrayContaining(["unreachable", "AUTH.VLD-00002"]));
  });

  it("is readable by every role but not without one", async () => {
    const p = ref();
    await expect(p.m.calls.listOutboundCalls(p.scope(null))).rejects.toMatchObject({ code: "forbidden" });
  });
}
