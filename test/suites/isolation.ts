import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import type { PortalRef } from "../flow-suite";
import { callApi, operations, type Ops } from "../api-client";
import { API_READS, apiCalls } from "../isolation-api";
import { ACTIONS, API_CASES, isExempt, ROUTES, type ProbeName } from "../isolation-inventory";
import { NoData, probes, READS, type Probe, type ProbeCall } from "../isolation-probes";
import { seedIsolationWorld, snapshotB, type BIds, type World } from "../isolation-seed";
import { startReceiver, type Receiver } from "../webhook-receiver";

// Finding 10 of issue 13: an id from another environment is a 404 everywhere. Environment B holds one of
// everything an id can name; acting in environment A (an admin whose current environment is A, an API key
// of A, a client administrator logged in to A), every page, route handler, action and API operation of
// test/isolation-inventory.ts is called with B's ids, and must answer 404: not 403, not data, not 500.

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
const settle = (call: Promise<unknown>): Promise<Outcome> =>
  call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

function expectNotFound(o: Outcome, what: string) {
  if (o.ok) throw new Error(`${what}: answered with data: ${JSON.stringify(o.value)?.slice(0, 300)}`);
  if (o.error instanceof NoData) return;
  if (!(o.error instanceof AppError)) throw o.error;
  expect(`${o.error.status} ${o.error.code}`, what).toMatch(/^404 /);
}

/** An id that is no id at all (a typo, a probe): refused as input or not found, never a crash. Null if so. */
function refusal(o: Outcome): string | null {
  if (o.ok) return `answered with data: ${JSON.stringify(o.value)?.slice(0, 200)}`;
  if (o.error instanceof NoData) return null;
  if (!(o.error instanceof AppError)) return `crashed: ${String(o.error).slice(0, 200)}`;
  return [400, 404].includes(o.error.status) ? null : `${o.error.status} ${o.error.code}`;
}

const entries = (table: Record<string, readonly ProbeName[] | { exempt: string }>) =>
  Object.entries(table).flatMap(([where, e]) => (isExempt(e) ? [] : e.map((probe) => [where, probe] as const)));

export function isolationTests(ref: PortalRef) {
  let w: World;
  let run: Record<ProbeName, Probe>;
  let ops: Ops;
  let receiver: Receiver;
  let before = "";
  const inA = (ids: BIds = w.ids): ProbeCall => ({ scope: w.inA, clients: w.clientsA, ids, orgNo: w.orgNo });
  const inB = (): ProbeCall => ({ scope: w.inB, clients: w.clientsB, ids: w.ids, orgNo: w.orgNo });

  beforeAll(async () => {
    receiver = await startReceiver();
    w = await seedIsolationWorld(ref(), receiver);
    run = await probes();
    ops = await operations();
    before = await snapshotB(ref(), w.b);
  }, 120_000);
  afterAll(async () => {
    await receiver.close();
  });

  it("controls: acting in B, every read finds B's data (the ids are real)", async () => {
    for (const name of READS) {
      const o = await settle(run[name](inB()));
      expect(o.ok ? "ok" : String(o.error), name).toBe("ok");
    }
    for (const name of API_READS) {
      const [call] = apiCalls(w.ids, w.orgNo)[name] ?? [];
      if (!call) throw new Error(`no call for ${name}`);
      const res = await callApi(ops[name], { ...call, key: w.keyB });
      expect(res.status, `${name}: ${JSON.stringify(res.json)}`).toBe(200);
    }
    // Acting in B is audited in B (its key's first use today, the exports): B's own doing, so what A's
    // probes below must leave alone is B as it is now.
    before = await snapshotB(ref(), w.b);
  });

  describe("pages and route handlers", () => {
    it.each(entries(ROUTES))("%s: %s with B's id is a 404 in A", async (where, probe) => {
      expectNotFound(await settle(run[probe](inA())), `${where} (${probe})`);
    });
  });

  describe("server actions", () => {
    it.each(entries(ACTIONS))("%s: %s with B's id is a 404 in A", async (where, probe) => {
      expectNotFound(await settle(run[probe](inA())), `${where} (${probe})`);
    });
  });

  describe("vendor API, with a key of A", () => {
    const cases = Object.entries(API_CASES).flatMap(([op, e]) =>
      isExempt(e) ? [] : e.map((label, i) => [op, label, i] as const),
    );
    it.each(cases)("%s with B's %s", async (op, label, i) => {
      const call = apiCalls(w.ids, w.orgNo)[op]?.[i];
      if (!call) throw new Error(`isolation-api.ts has no call for ${op} (${label})`);
      const res = await callApi(ops[op as keyof Ops] as Parameters<typeof callApi>[0], { ...call, key: w.keyA });
      if (op === "upsertCustomerOp") {
        // An org number names A's own customer: made in A, B's left as it was (the snapshot test checks B).
        expect(res.status, JSON.stringify(res.json)).toBe(201);
        expect(res.json.name).toBe("Overtatt");
        return;
      }
      expect(res.status, `${op} ${label}: ${JSON.stringify(res.json)}`).toBe(404);
      expect(res.json).toMatchObject({ status: 404, code: "not_found" });
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    });
  });

  it("an id that is no id at all is refused (400 or 404) by every probe, never a crash", async () => {
    const junk = Object.fromEntries(Object.keys(w.ids).map((k) => [k, "not-a-uuid"])) as BIds;
    const wrong: string[] = [];
    for (const name of Object.keys(run) as ProbeName[]) {
      const why = refusal(await settle(run[name](inA(junk))));
      if (why) wrong.push(`${name}: ${why}`);
    }
    expect(wrong).toEqual([]);
  });

  it("nothing of B changed: no row, audit entry or event was written by any of it", async () => {
    expect(await snapshotB(ref(), w.b)).toBe(before);
  });
}
