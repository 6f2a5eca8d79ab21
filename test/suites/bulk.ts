import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch } from "../emulator-api";
import { addOrganisations, altinnCall, expectAppError, orgNumbers, systemInput } from "../helpers";

// Each test takes its own org numbers so no two share a customer.
const PREVIEW = orgNumbers(3, 40_000_000);
const BASIC = orgNumbers(20, 40_100_000);
const OUTAGE = orgNumbers(10, 40_200_000);
const LIMITED = orgNumbers(3, 40_300_000);
const KILL = orgNumbers(200, 40_400_000);
const CANCEL = orgNumbers(30, 40_500_000);
const QUEUE = orgNumbers(5, 40_600_000);
const CREATE_PATH = "/authentication/api/v1/systemuser/request";
const CREATE_STATS = "POST /authentication/api/v1/systemuser/request/vendor";

const bulk = async () => ({
  ...(await import("@/lib/bulk/jobs")),
  ...(await import("@/lib/bulk/queries")),
  ...(await import("@/lib/bulk/result")),
});
const runner = () => import("@/lib/bulk/runner");
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fault(p: Portal, body: Record<string, unknown>) {
  expect(
    (await emulatorFetch(p.emulatorUrl, "/emulator/faults", { body: { path: CREATE_PATH, ...body } })).status,
  ).toBe(200);
}
const clearFault = (p: Portal) =>
  emulatorFetch(p.emulatorUrl, `/emulator/faults?path=${encodeURIComponent(CREATE_PATH)}`, { method: "DELETE" });
async function createCalls(p: Portal): Promise<Record<string, number>> {
  const stats = (await emulatorFetch(p.emulatorUrl, "/emulator/stats")).json as {
    calls: Record<string, Record<string, number>>;
  };
  return stats.calls[CREATE_STATS] ?? {};
}
/** Requests per customer, in our database and in Altinn (the emulator). */
async function requestsPerCustomer(p: Portal, systemId: string, orgNos: string[]) {
  const ours = await p.db.systemUserRequest.groupBy({
    by: ["customerId"],
    where: { customer: { environmentId: p.environmentId, orgNo: { in: orgNos } } },
    _count: { _all: true },
  });
  const list = await altinnCall(p, `/systemuser/request/vendor/bysystem/${systemId}`);
  const all: { partyOrgNo: string }[] = [];
  let page = list.json as { data: { partyOrgNo: string }[]; links: { next?: string } };
  all.push(...page.data);
  while (page.links.next) {
    const next = new URL(page.links.next);
    page = (await altinnCall(p, `${next.pathname.replace("/authentication/api/v1", "")}${next.search}`))
      .json as typeof page;
    all.push(...page.data);
  }
  const inAltinn = orgNos.map((o) => all.filter((r) => r.partyOrgNo === o).length);
  return { ours: ours.map((g) => g._count._all), customers: ours.length, inAltinn };
}
async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
const rowStatuses = async (p: Portal, jobId: string) =>
  Object.fromEntries(
    (await p.db.bulkRow.groupBy({ by: ["status"], where: { jobId }, _count: { _all: true } })).map((g) => [
      g.status,
      g._count._all,
    ]),
  );

export function bulkTests(ref: PortalRef) {
  const state = { systemRowId: "", systemId: "" };
  const newJob = async (p: Portal, orgNos: string[], concurrency?: number) => {
    const b = await bulk();
    const { id } = await b.previewBulkUpload(
      p.scope(p.actors.operator),
      { systemId: state.systemRowId, fileName: "kunder.csv" },
      csv(["orgnr;navn;ref", ...orgNos.map((o, i) => `${o};Kunde ${i};K${i}`)]),
    );
    if (concurrency) await p.db.bulkJob.update({ where: { id }, data: { concurrency } });
    await b.startBulkJob(p.scope(p.actors.operator), id);
    return id;
  };

  it("previews a file row by row: bad check digit, duplicate, existing customer; a file it cannot read leaves nothing behind", async () => {
    const p = ref();
    await addOrganisations(p, [...PREVIEW, ...BASIC, ...OUTAGE, ...LIMITED, ...KILL, ...CANCEL, ...QUEUE]);
    const system = await p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, "bulk-sync"));
    Object.assign(state, { systemRowId: system.id, systemId: system.systemId });
    const [a = "", b = "", c = ""] = PREVIEW;
    await p.m.customers.createCustomer(p.scope(p.actors.operator), {
      orgNo: c,
      name: "Finnes AS",
      notes: "",
      tags: "",
    });
    const m = await bulk();
    const file = csv([
      "\uFEFFOrganisasjonsnummer;Navn;Referanse",
      `${a};Alfa AS;A-1`,
      `${a.slice(0, 8)}${(Number(a[8]) + 1) % 10};Feil AS;A-2`,
      `${b};Beta AS;`,
      `${a};Alfa igjen;A-3`,
      `${c};Finnes AS;A-4`,
      "12 34;Kort;",
    ]);
    const { id } = await m.previewBulkUpload(
      p.scope(p.actors.operator),
      { systemId: system.id, fileName: "kunder.csv" },
      file,
    );
    const job = await m.getBulkJob(p.scope(p.actors.auditor), id);
    expect(job.status).toBe("draft");
    expect(job.rows.map((r) => [r.line, r.orgNo, r.status, r.errorCode, r.existingCustomer])).toEqual([
      [2, a, "pending", null, false],
      [3, expect.any(String), "invalid", "checksum", false],
      [4, b, "pending", null, false],
      [5, a, "invalid", "duplicate", false],
      [6, c, "pending", null, true],
      [7, "1234", "invalid", "format", false],
    ]);
    expect(job.rows[3]?.errorMessage).toEqual({ duplicateOf: 2 });
    expect(
      (await p.db.auditEvent.findFirstOrThrow({ where: { action: "bulk.upload", targetId: id } })).detail,
    ).toMatchObject({ rows: 6, invalid: 3, separator: ";" });
    // A draft sends nothing: no customer, no request until it is started.
    expect(await p.db.customer.count({ where: { orgNo: { in: [a, b] } } })).toBe(0);

    const jobsBefore = await p.db.bulkJob.count();
    await expectAppError(
      m.previewBulkUpload(
        p.scope(p.actors.operator),
        { systemId: system.id, fileName: "x.xlsx" },
        new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]),
      ),
      "bulk_file_binary",
      400,
    );
    await expectAppError(
      m.previewBulkUpload(
        p.scope(p.actors.operator),
        { systemId: system.id, fileName: "x.csv" },
        csv(["navn", "Alfa"]),
      ),
      "bulk_file_noOrgColumn",
      400,
    );
    await expectAppError(
      m.previewBulkUpload(p.scope(p.actors.auditor), { systemId: system.id, fileName: "x.csv" }, csv([a])),
      "forbidden",
      403,
    );
    expect(await p.db.bulkJob.count()).toBe(jobsBefore);
    // Started twice: the second start is refused; discarding the draft is a cancel.
    await m.startBulkJob(p.scope(p.actors.operator), id);
    await expectAppError(m.startBulkJob(p.scope(p.actors.operator), id), "bulk_not_draft", 409);
    expect((await (await runner()).runBulkJob(id)).finished).toBe(true);
  });

  it("a job of N customers completes with exactly one request each, tagged bulk, with chunked audit and a result file", async () => {
    const p = ref();
    const before = (await createCalls(p))["201"] ?? 0;
    const jobId = await newJob(p, BASIC, 4);
    const report = await (await runner()).runBulkJob(jobId);
    expect(report).toMatchObject({ processed: 20, created: 20, failed: 0, finished: true });
    expect(await rowStatuses(p, jobId)).toEqual({ done: 20 });
    expect((await createCalls(p))["201"] ?? 0).toBe(before + 20);
    const counts = await requestsPerCustomer(p, state.systemId, BASIC);
    expect(counts).toEqual({ ours: Array(20).fill(1), customers: 20, inAltinn: Array(20).fill(1) });
    const request = await p.db.systemUserRequest.findFirstOrThrow({
      where: { customer: { orgNo: BASIC[0] } },
      include: { events: true, customer: true },
    });
    expect(request).toMatchObject({ createdVia: "bulk", status: "New", createdById: p.actors.operator.id });
    expect(request.customer).toMatchObject({ name: "Kunde 0" });
    expect(request.customer.externalRef).toMatch(/^c_[a-z2-7]{16}$/);
    expect(request.events.map((e) => [e.kind, e.detail])).toEqual([
      ["created", expect.objectContaining({ via: "bulk", bulkJobId: jobId })],
    ]);
    expect(request.nextCheckAt?.getTime() ?? 0).toBeGreaterThan(Date.now());
    const audits = await p.db.auditEvent.findMany({ where: { targetId: jobId }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["bulk.upload", "bulk.start", "bulk.requests"]);
    expect(audits[2]?.detail).toMatchObject({ created: 20, failed: 0 });
    expect(await p.m.audit.verifyAuditChain(p.actors.auditor)).toMatchObject({ ok: true });

    const m = await bulk();
    const { csv: result } = await m.bulkResultCsv(p.scope(p.actors.operator), jobId, "en");
    const lines = result.trim().split("\r\n");
    expect(lines[0]).toBe(
      '"line","orgNo","name","ref","result","requestStatus","confirmUrl","onboardingLink","message"',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^"2","${BASIC[0]}","Kunde 0","K0","created","New","http[^"]+/accessmanagement/ui/systemuser/request\\?id=[^"]+","",""$`,
      ),
    );
    expect(lines).toHaveLength(21);
    expect(await m.getBulkProgress(p.scope(p.actors.auditor), jobId)).toMatchObject({
      status: "done",
      percent: 100,
    });
  });

  it("never creates a second request: Altinn's idempotent create and our store both reuse", async () => {
    const p = ref();
    const [first = "", second = ""] = BASIC;
    // A retried row (reset as if its process died after storing): same request, nothing new anywhere.
    const jobId = await newJob(p, [first, second]);
    const calls = (await createCalls(p))["201"] ?? 0;
    expect(await (await runner()).runBulkJob(jobId)).toMatchObject({ processed: 2, created: 0, finished: true });
    expect((await createCalls(p))["201"] ?? 0).toBe(calls);
    expect(await p.db.bulkRow.findMany({ where: { jobId }, select: { existed: true } })).toEqual([
      { existed: true },
      { existed: true },
    ]);
    // Altinn made the request but we crashed before storing it: the retry stores that one, under the
    // ref its redirect URL carries, so the customer's return still finds it.
    const lost = QUEUE[4] ?? "";
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    const customer = await p.m.customers.createCustomer(p.scope(p.actors.operator), {
      orgNo: lost,
      name: "Tapt AS",
      notes: "",
      tags: "",
    });
    const externalRef = (await p.db.customer.findUniqueOrThrow({ where: { id: customer.id } })).externalRef;
    const { createStandardRequest } = await import("@/lib/integrations/altinn/requests");
    const ref0 = crypto.randomUUID();
    const made = await createStandardRequest(p.m.connect(environment), {
      systemId: state.systemId,
      partyOrgNo: lost,
      externalRef,
      accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
      redirectUrl: `http://127.0.0.1:3999/onboard/callback?ref=${ref0}`,
    });
    const recovered = await newJob(p, [lost]);
    await (await runner()).runBulkJob(recovered);
    const stored = await p.db.systemUserRequest.findMany({ where: { customer: { orgNo: lost } } });
    expect(stored.map((r) => [r.id, r.altinnRequestId])).toEqual([[ref0, made.request.id]]);
    expect((await requestsPerCustomer(p, state.systemId, [lost])).inAltinn).toEqual([1]);
  });

  it("a 100 % Altinn outage loses nothing: rows wait with back-off and the job completes after recovery", async () => {
    const p = ref();
    await fault(p, { errorRate: 1, status: 503 });
    const jobId = await newJob(p, OUTAGE, 3);
    const run = (await runner()).runBulkJob(jobId);
    try {
      await waitFor(
        async () => (await p.db.bulkRow.count({ where: { jobId, errorCode: "http_503" } })) >= 1,
        10_000,
        "a failed try",
      );
      await sleep(1500);
      const during = await rowStatuses(p, jobId);
      expect(during.failed ?? 0).toBe(0);
      expect(during.done ?? 0).toBe(0);
      // Paused, not hammering: a handful of tries, not one per row per second.
      expect((await createCalls(p))["503"] ?? 0).toBeLessThanOrEqual(9);
    } finally {
      await clearFault(p);
    }
    expect(await run).toMatchObject({ finished: true, failed: 0 });
    expect(await rowStatuses(p, jobId)).toEqual({ done: 10 });
    expect(await requestsPerCustomer(p, state.systemId, OUTAGE)).toEqual({
      ours: Array(10).fill(1),
      customers: 10,
      inAltinn: Array(10).fill(1),
    });
  });

  it("a 429 with Retry-After is honoured before the next try", async () => {
    const p = ref();
    await fault(p, { errorRate: 1, status: 429, retryAfterS: 2 });
    const jobId = await newJob(p, LIMITED, 2);
    const run = (await runner()).runBulkJob(jobId);
    try {
      await waitFor(async () => ((await createCalls(p))["429"] ?? 0) >= 1, 10_000, "a 429");
      const first = (await createCalls(p))["429"] ?? 0;
      const deferred = await p.db.bulkRow.findFirstOrThrow({ where: { jobId, errorCode: "http_429" } });
      expect(deferred.status).toBe("pending");
      expect(deferred.nextAttemptAt.getTime() - deferred.updatedAt.getTime()).toBeGreaterThanOrEqual(1990);
      await sleep(1500);
      expect((await createCalls(p))["429"] ?? 0).toBe(first);
    } finally {
      await clearFault(p);
    }
    expect(await run).toMatchObject({ finished: true, failed: 0 });
    expect(await rowStatuses(p, jobId)).toEqual({ done: 3 });
  });

  it("cancel: rows not yet started are cancelled and the result file says so", async () => {
    const p = ref();
    await fault(p, { latencyMs: 150 });
    try {
      const jobId = await newJob(p, CANCEL, 2);
      const run = (await runner()).runBulkJob(jobId);
      await waitFor(
        async () => (await p.db.bulkRow.count({ where: { jobId, status: "done" } })) >= 4,
        15_000,
        "four rows done",
      );
      const m = await bulk();
      await expectAppError(m.cancelBulkJob(p.scope(p.actors.auditor), jobId), "forbidden", 403);
      await m.cancelBulkJob(p.scope(p.actors.operator), jobId);
      await run;
      const rows = await rowStatuses(p, jobId);
      expect((rows.done ?? 0) + (rows.cancelled ?? 0)).toBe(30);
      expect(rows.cancelled ?? 0).toBeGreaterThanOrEqual(20);
      const job = await p.db.bulkJob.findUniqueOrThrow({ where: { id: jobId } });
      expect(job.status).toBe("cancelled");
      expect(job.finishedAt).not.toBeNull();
      expect(await p.db.systemUserRequest.count({ where: { customer: { orgNo: { in: CANCEL } } } })).toBe(rows.done);
      const { csv: result } = await m.bulkResultCsv(p.scope(p.actors.operator), jobId, "nb");
      expect(
        result.split("\r\n").filter((l) => l.includes('"cancelled"') && l.includes("Avbrutt før start")),
      ).toHaveLength(rows.cancelled ?? 0);
      expect(
        await p.db.auditEvent.findFirstOrThrow({ where: { action: "bulk.cancel", targetId: jobId } }),
      ).toMatchObject({ actorLabel: p.actors.operator.email });
      await expectAppError(m.cancelBulkJob(p.scope(p.actors.operator), jobId), "bulk_not_running", 409);
    } finally {
      await clearFault(p);
    }
  });

  it("runs from the pg-boss queue, resuming unfinished jobs when the workers start", async () => {
    const p = ref();
    const jobId = await newJob(p, QUEUE.slice(0, 4));
    const { startWorkers, stopWorkers } = await import("@/lib/jobs/worker");
    const { stopBoss } = await import("@/lib/core/jobs/boss");
    await startWorkers(); // kicks bulk-onboarding with no job id: every unfinished job
    try {
      await waitFor(
        async () => (await p.db.bulkJob.findUniqueOrThrow({ where: { id: jobId } })).status === "done",
        30_000,
        "the queued job",
      );
    } finally {
      await stopWorkers();
      await stopBoss();
    }
    expect(await rowStatuses(p, jobId)).toEqual({ done: 4 });
  });

  // Needs a second process on the same database: PGlite here is one in-process session, so this runs
  // on PostgreSQL only.
  it("a portal process killed during a job of 200 is taken over by the next: every customer ends with exactly one request", async (ctx) => {
    const p = ref();
    if (process.env.DATABASE_URL?.includes("application_name=portal-embedded")) ctx.skip();
    await fault(p, { latencyMs: 40 });
    const jobId = await newJob(p, KILL, 8);
    const child = (): ChildProcess =>
      spawn(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", path.join("test", "bulk-child.ts"), jobId, "2000"],
        { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
      );
    try {
      const first = child();
      await waitFor(
        async () => (await p.db.bulkRow.count({ where: { jobId, status: "done" } })) >= 50,
        60_000,
        "50 rows done by the first process",
      );
      first.kill("SIGKILL");
      await new Promise((r) => first.once("exit", r));
      const atKill = await rowStatuses(p, jobId);
      expect(atKill.done ?? 0).toBeLessThan(200);
      const second = child();
      let out = "";
      second.stdout?.on("data", (d: Buffer) => (out += d.toString()));
      second.stderr?.on("data", (d: Buffer) => (out += d.toString()));
      const code = await new Promise((r) => second.once("exit", r));
      expect(code, out).toBe(0);
      expect(out).toContain('"finished":true');
    } finally {
      await clearFault(p);
    }
    expect(await rowStatuses(p, jobId)).toEqual({ done: 200 });
    expect(await requestsPerCustomer(p, state.systemId, KILL)).toEqual({
      ours: Array(200).fill(1),
      customers: 200,
      inAltinn: Array(200).fill(1),
    });
    expect(await p.db.auditEvent.count({ where: { action: "bulk.requests", targetId: jobId } })).toBeGreaterThanOrEqual(
      1,
    );
    expect(await p.db.bulkRow.count({ where: { jobId, audited: false } })).toBe(0);
  }, 120_000);
}
