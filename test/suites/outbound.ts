import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";

// Runs after the chain and the outage groups, so the log holds successes, Altinn refusals and outages.
export function outboundTests(ref: PortalRef) {
  it("records every call to Maskinporten and Altinn with its answer and who caused it, never a token", async () => {
    const p = ref();
    const calls = await p.m.calls.listOutboundCalls(p.scope(p.actors.auditor));
    const grant = calls.find((c) => c.service === "maskinporten" && c.status === 200);
    expect(grant).toMatchObject({ method: "POST", path: "/token", problemCode: null });
    const register = calls.find(
      (c) => c.method === "POST" && c.path === "/authentication/api/v1/systemregister/vendor" && c.status === 200,
    );
    expect(register?.triggeredBy).toBe(p.actors.admin.email);
    const create = calls.find((c) => c.path === "/authentication/api/v1/systemuser/request/vendor" && c.status === 201);
    expect(create?.triggeredBy).toBe(p.actors.operator.email);
    expect(create?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls.some((c) => c.status === null && c.problemCode === "unreachable")).toBe(true);
    const raw = JSON.stringify(await p.db.outboundCall.findMany({ omit: { seq: true } }));
    expect(raw).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT anywhere
  });

  it("groups failures by code, most frequent first, and filters to errors", async () => {
    const p = ref();
    const summary = await p.m.calls.summarizeErrors(p.scope(p.actors.operator));
    expect(summary.map((s) => s.code)).toContain("unreachable");
    expect(summary.map((s) => s.code)).toContain("AUTH.VLD-00002");
    const counts = summary.map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const errors = await p.m.calls.listOutboundCalls(p.scope(p.actors.operator), { errorsOnly: true });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((c) => c.status === null || c.status >= 400)).toBe(true);
  });

  it("is readable by every role but not without one", async () => {
    const p = ref();
    await expect(p.m.calls.listOutboundCalls(p.scope(null))).rejects.toMatchObject({ code: "forbidden" });
  });
}
