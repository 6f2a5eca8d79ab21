import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { EnvironmentView } from "@/lib/environments/types";
import type { RequestStatus } from "@/lib/generated/prisma/client";
import type { PortalRef } from "../flow-suite";
import { bareEnvironment, insertCalls, insertRequests, orgs, within, type Call } from "../dashboard-seed";
import { decideRequest } from "../emulator-controls";
import { addOrganisations, expectAppError } from "../helpers";
import { seedEnvironment, seedSystem, type SeededSystem } from "../seed";

// Issue 14: the dashboard's numbers, from requests and calls with known timestamps, in environments of the
// suite's own (the Local one has every other suite's requests and calls in it).
const DAY = 86_400_000;
const MINUTE = 60_000;
export function dashboardTests(ref: PortalRef) {
  const now = new Date();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  let a: EnvironmentView;
  let b: EnvironmentView;
  let one: SeededSystem;
  let two: SeededSystem;
  let theirs: SeededSystem;
  let dash: typeof import("@/lib/dashboard/queries");
  let expiring: { id: string; orgNo: string }[] = [];

  beforeAll(async () => {
    const p = ref();
    dash = await import("@/lib/dashboard/queries");
    a = (await seedEnvironment(p, "dash-a")).environment;
    b = (await seedEnvironment(p, "dash-b")).environment;
    one = await seedSystem(p, { prefix: "dash-one", environment: a });
    two = await seedSystem(p, { prefix: "dash-two", environment: a });
    theirs = await seedSystem(p, { prefix: "dash-theirs", environment: b });
    const recent = (status: RequestStatus, days: number) => ({ status, createdAt: ago(days * DAY) });
    await insertRequests(p, a.id, one.id, [
      ...[1, 2, 3].map((d) => recent("New", d)),
      recent("Accepted", 4),
      recent("Accepted", 10),
      recent("Rejected", 5),
      recent("Denied", 6),
      recent("Timedout", 29),
      // Older than the funnel's 30 days (today and the 29 before).
      recent("Accepted", 31),
      recent("New", 40),
    ]);
    await insertRequests(p, a.id, two.id, [recent("New", 0)]);
    await insertRequests(p, b.id, theirs.id, [recent("New", 1), recent("Accepted", 2)]);
    // Expiring: 27 and 22 days old (1 and 6 days left). Not: 20 days (8 left), 28.5 days (gone), withdrawn,
    // rejected.
    const rows = await insertRequests(p, a.id, two.id, [
      { createdAt: ago(22 * DAY) },
      { createdAt: ago(27 * DAY) },
      { createdAt: ago(20 * DAY) },
      { createdAt: ago(28.5 * DAY) },
      { createdAt: ago(23 * DAY), withdrawn: true },
      { createdAt: ago(25 * DAY), status: "Rejected" },
    ]);
    expiring = rows.slice(0, 2);
    await insertRequests(p, b.id, theirs.id, [{ createdAt: ago(24 * DAY) }]);
  });

  it("counts the onboarding funnel per system over the last 30 days, and nothing of another environment", async () => {
    const p = ref();
    const funnel = await dash.getDashboard(p.scope(p.actors.auditor, a), now).then((d) => d.funnel);
    const bySystem = Object.fromEntries(funnel.map((f) => [f.system.systemId, f]));
    expect(bySystem[one.systemId]).toMatchObject({ created: 8, accepted: 2, rejected: 2, expired: 1, open: 3 });
    expect(bySystem[one.systemId]?.system.name).toEqual({ nb: "Lønnssynk", en: "Payroll sync" });
    // Two's: one made today and the six of the expiring list (20–28.5 days old), one of them rejected.
    expect(bySystem[two.systemId]).toMatchObject({ created: 7, accepted: 0, rejected: 1, expired: 0, open: 6 });
    expect(funnel.map((f) => f.system.systemId)).toEqual([one.systemId, two.systemId]);
    const other = await dash.getDashboard(p.scope(p.actors.auditor, b), now).then((d) => d.funnel);
    expect(other).toEqual([expect.objectContaining({ created: 3, accepted: 1, open: 2 })]);
  });

  it("gives median and 90th percentile time to approval by week, and follows a status change", async () => {
    const p = ref();
    const { weeks: all } = (await import("@/lib/dashboard/periods")).periods(now);
    const [thisWeek = "", twoAgo = ""] = [all[11], all[9]];
    const monday = (week: string) => new Date(`${week}T00:00:00Z`).getTime();
    const approvals = (week: string, seconds: number[]) =>
      seconds.map((s, i) => {
        const acceptedAt = new Date(monday(week) + 3_600_000 + i * MINUTE);
        return { status: "Accepted" as const, acceptedAt, createdAt: new Date(acceptedAt.getTime() - s * 1000) };
      });
    const sys = await seedSystem(p, { prefix: "dash-weeks", environment: a });
    await insertRequests(p, a.id, sys.id, [
      ...approvals(thisWeek, [600, 3600, 7200, 86_400, 172_800]),
      ...approvals(twoAgo, [60, 120, 180, 240, 300, 360, 420, 480, 540, 600]),
      // Accepted with no known time (already accepted when created): not in the chart.
      { status: "Accepted", createdAt: ago(DAY) },
    ]);
    const weeks = await dash.getDashboard(p.scope(p.actors.operator, a), now).then((d) => d.approval);
    expect(weeks).toHaveLength(12);
    const current = weeks.at(-1);
    expect(current).toMatchObject({ week: thisWeek, approved: 5 });
    within(current?.median ?? null, 7200);
    within(current?.p90 ?? null, 172_800);
    const earlier = weeks.find((w) => w.week === twoAgo);
    expect(earlier?.approved).toBe(10);
    within(earlier?.median ?? null, 300);
    within(earlier?.p90 ?? null, 540);
    expect(weeks.filter((w) => w.approved === 0).every((w) => w.median === null && w.p90 === null)).toBe(true);
    expect(weeks.filter((w) => w.approved > 0)).toHaveLength(2);

    // A real approval in environment B: the portal stamps acceptedAt when it sees the status change, the rollup
    // follows, and A's chart does not move.
    const orgNo = orgs.one();
    await addOrganisations(p, [orgNo]);
    const scopeB = p.scope(p.actors.operator, b);
    const created = await p.m.requests.createRequest(scopeB, { systemId: theirs.id, orgNo, kind: "standard" });
    const row = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: created.id } });
    await decideRequest(p, row.altinnRequestId, "approve");
    await p.m.requests.refreshRequest(scopeB, row.id);
    const accepted = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: row.id } });
    expect(accepted.status).toBe("Accepted");
    expect(Math.abs((accepted.acceptedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(MINUTE);
    const theirWeeks = await dash.getDashboard(scopeB, new Date()).then((d) => d.approval);
    expect(theirWeeks.at(-1)?.approved).toBe(1);
    expect(await dash.getDashboard(p.scope(p.actors.operator, a), now).then((d) => d.approval)).toEqual(weeks);
  });

  it("lists waiting requests that expire within 7 days, soonest first; renew takes one off the list", async () => {
    const p = ref();
    const scope = p.scope(p.actors.operator, a);
    const list = await dash.getDashboard(scope, now).then((d) => d.expiring);
    expect(list.more).toBe(false);
    expect(list.requests.map((r) => [r.customer.orgNo, r.daysLeft])).toEqual([
      [expiring[1]?.orgNo, 1],
      [expiring[0]?.orgNo, 6],
    ]);
    expect(list.requests[0]?.system.systemId).toBe(two.systemId);

    // A waiting request renews only in its last week; this one is 20 days old.
    const { renewRequest } = p.m.requestRenew;
    const young = await p.db.systemUserRequest.findFirstOrThrow({
      where: { systemId: two.id, createdAt: ago(20 * DAY) },
    });
    await expectAppError(renewRequest(scope, young.id), "request_not_renewable", 409);
    const renewed = await renewRequest(scope, expiring[0]?.id ?? "");
    const fresh = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: renewed.id } });
    expect(fresh).toMatchObject({ status: "New", systemId: two.id });
    const old = await p.db.systemUserRequest.findUniqueOrThrow({
      where: { id: expiring[0]?.id },
      include: { events: { orderBy: { at: "asc" } } },
    });
    expect(old.events.map((e) => e.kind)).toEqual(["deleted", "renewed"]);
    expect(old.nextCheckAt).toBeNull();
    const after = await dash.getDashboard(scope, new Date());
    expect(after.expiring.requests.map((r) => r.customer.orgNo)).toEqual([expiring[1]?.orgNo]);
    expect(after.funnel.find((f) => f.system.id === two.id)?.created).toBe(8);
  });

  it("sums the last 24 hours of calls per endpoint: volume, errors, median and p95, one environment only", async () => {
    const p = ref();
    const c = await bareEnvironment(p);
    const request = (i: number) => `/authentication/api/v1/systemuser/request/vendor/${randomUUID()}?n=${i}`;
    const statusCall = (i: number): Call => ({
      at: ago((i + 1) * MINUTE),
      service: "altinn",
      method: "GET",
      path: request(i),
      status: i === 0 ? 500 : 200,
      ms: (i + 1) * 100,
    });
    await insertCalls(p, c.id, [
      ...Array.from({ length: 10 }, (_, i) => statusCall(i)),
      { at: ago(2 * MINUTE), service: "maskinporten", method: "POST", path: "/token", status: 200, ms: 50 },
      { at: ago(3 * MINUTE), service: "maskinporten", method: "POST", path: "/token", status: null, ms: 70 },
      { at: ago(4 * MINUTE), service: "maskinporten", method: "POST", path: "/token", status: 429, ms: 60 },
      // Older than this hour and the 23 before it.
      { at: ago(25 * 3_600_000), service: "maskinporten", method: "POST", path: "/token", status: 200, ms: 9 },
    ]);
    await insertCalls(p, b.id, [
      { at: ago(MINUTE), service: "altinn", method: "GET", path: "/b-only/1", status: 200, ms: 5 },
    ]);
    const calls = await dash.getDashboard(p.scope(p.actors.auditor, c), now).then((d) => d.calls);
    expect(calls).toMatchObject([
      {
        service: "altinn",
        method: "GET",
        endpoint: "/authentication/api/v1/systemuser/request/vendor/{id}",
        calls: 10,
        errors: 1,
      },
      { service: "maskinporten", method: "POST", endpoint: "/token", calls: 3, errors: 2 },
    ]);
    within(calls[0]?.median ?? null, 500);
    within(calls[0]?.p95 ?? null, 1000);
    within(calls[1]?.median ?? null, 60);
    within(calls[1]?.p95 ?? null, 70);
    const inA = await dash.getDashboard(p.scope(p.actors.auditor, a), now).then((d) => d.calls);
    expect(inA.some((e) => e.endpoint.startsWith("/b-only"))).toBe(false);
  });
}
