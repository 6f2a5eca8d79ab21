import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { z } from "zod";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { clearFault, emulatorCallCount, setFault, type Fault } from "../emulator-controls";
import { until } from "../until";
import { addOrganisations, altinnRequestsOf, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedSystem } from "../seed";

// Each test takes its own org numbers so no two share a customer.
const block = (n: number) => ORG_BLOCKS.bulk + n * 100_000;
const PREVIEW = orgNumbers(3, block(0));
const BASIC = orgNumbers(20, block(1));
const OUTAGE = orgNumbers(10, block(2));
const LIMITED = orgNumbers(3, block(3));
const KILL = orgNumbers(200, block(4));
const CANCEL = orgNumbers(30, block(5));
const QUEUE = orgNumbers(5, block(6));
// block(7): test/suites/bulk-store.ts, block(8): test/suites/bulk-contacts.ts
const CREATE_PATH = "/authentication/api/v1/systemuser/request";
const CREATE_STATS = "POST /authentication/api/v1/systemuser/request/vendor";

const bulk = async () => ({
  ...(await import("@/lib/bulk/jobs")),
  ...(await import("@/lib/bulk/queries")),
  ...(await import("@/lib/bulk/result")),
});
const runner = () => import("@/lib/bulk/runner");
const auditedRequests = z.object({ requests: z.array(z.object({ orgNo: z.string() })) }).loose();
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);

const fault = (p: Portal, body: Omit<Fault, "path">) => setFault(p, { path: CREATE_PATH, ...body });
/** Creates the emulator has answered with this status. */
const createCalls = (p: Portal, status: number) => emulatorCallCount(p, CREATE_STATS, status);
/** Requests per customer, in our database and in Altinn (the emulator). */
async function requestsPerCustomer(p: Portal, systemId: string, orgNos: string[]) {
  const ours = await p.db.systemUserRequest.groupBy({
    by: ["customerId"],
    where: { customer: { environmentId: p.environmentId, orgNo: { in: orgNos } } },
    _count: { _all: true },
  });
  const all = await altinnRequestsOf(p, systemId);
  const inAltinn = orgNos.map((o) => all.filter((r) => r.partyOrgNo === o).length);
  return { ours: ours.map((g) => g._count._all), customers: ours.length, inAltinn };
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
  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [...PREVIEW, ...BASIC, ...OUTAGE, ...LIMITED, ...KILL, ...CANCEL, ...QUEUE]);
    const system = await seedSystem(p, { prefix: "bulk" });
    Object.assign(state, { systemRowId: system.id, systemId: system.systemId });
  });
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
    const system = { id: state.systemRowId };
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
      [3, `${a.slice(0, 8)}${(Number(a[8]) + 1) % 10}`, "invalid", "checksum", false],
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
    const before = await createCalls(p, 201);
    const jobId = await newJob(p, BASIC, 4);
    const report = await (await runner()).runBulkJob(jobId);
    expect(report).toEqual({ processed: 20, created: 20, failed: 0, retried: 0, finished: true });
    expect(await rowStatuses(p, jobId)).toEqual({ done: 20 });
    expect(await createCalls(p, 201)).toBe(before + 20);
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
    // The poller's first look is a minute after creation, as for any other request.
    expect((request.nextCheckAt?.getTime() ?? 0) - request.createdAt.getTime()).toBe(60_000);
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
    const calls = await createCalls(p, 201);
    expect(await (await runner()).runBulkJob(jobId)).toEqual({
      processed: 2,
      created: 0,
      failed: 0,
      retried: 0,
      finished: true,
    });
    expect(await createCalls(p, 201)).toBe(calls);
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
    const refused = await createCalls(p, 503);
    await fault(p, { errorRate: 1, status: 503 });
    const jobId = await newJob(p, OUTAGE, 3);
    const started = Date.now();
    const run = (await runner()).runBulkJob(jobId);
    try {
      // A row is taken a second time only after the job has paused (back-off: 1 s ± 20 %).
      await until(
        async () => (await p.db.bulkRow.count({ where: { jobId, attempts: { gte: 2 } } })) >= 1,
        "a second try",
        { timeoutMs: 10_000 },
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(800);
      const during = await rowStatuses(p, jobId);
      expect(during.failed ?? 0).toBe(0);
      expect(during.done ?? 0).toBe(0);
      // Paused, not hammering: at most the three calls in flight per round, two rounds so far.
      expect((await createCalls(p, 503)) - refused).toBeLessThanOrEqual(6);
    } finally {
      await clearFault(p, CREATE_PATH);
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
    const limited = await createCalls(p, 429);
    await fault(p, { errorRate: 1, status: 429, retryAfterS: 2 });
    // One call at a time, so each 429 is one try and the next try is the one Retry-After holds back.
    const jobId = await newJob(p, LIMITED, 1);
    const run = (await runner()).runBulkJob(jobId);
    try {
      const deferredRow = () => p.db.bulkRow.findFirst({ where: { jobId, errorCode: "http_429" } });
      await until(async () => (await deferredRow()) !== null, "a row deferred by a 429", { timeoutMs: 10_000 });
      const deferred = await p.db.bulkRow.findFirstOrThrow({ where: { jobId, errorCode: "http_429" } });
      expect(deferred.status).toBe("pending");
      expect(deferred.nextAttemptAt.getTime() - deferred.updatedAt.getTime()).toBeGreaterThanOrEqual(1990);
      expect((await createCalls(p, 429)) - limited).toBe(1);
      await until(async () => (await createCalls(p, 429)) - limited >= 2, "the next try", { timeoutMs: 10_000 });
      // It came no sooner than Retry-After allowed (the job's own back-off would have been 1 s ± 20 %).
      expect(Date.now() - deferred.updatedAt.getTime()).toBeGreaterThanOrEqual(1900);
    } finally {
      await clearFault(p, CREATE_PATH);
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
      await until(async () => (await p.db.bulkRow.count({ where: { jobId, status: "done" } })) >= 4, "four rows done", {
        timeoutMs: 15_000,
      });
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
      await clearFault(p, CREATE_PATH);
    }
  });

  it("runs from the pg-boss queue, resuming unfinished jobs when the workers start", async () => {
    const p = ref();
    const jobId = await newJob(p, QUEUE.slice(0, 4));
    const { startWorkers, stopWorkers } = await import("@/lib/jobs/worker");
    const { stopBoss } = await import("@/lib/core/jobs/boss");
    await startWorkers(); // kicks bulk-onboarding with no job id: every unfinished job
    try {
      await until(
        async () => (await p.db.bulkJob.findUniqueOrThrow({ where: { id: jobId } })).status === "done",
        "the queued job",
        { timeoutMs: 30_000 },
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
      await until(
        async () => (await p.db.bulkRow.count({ where: { jobId, status: "done" } })) >= 50,
        "50 rows done by the first process",
        { timeoutMs: 60_000 },
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
      await clearFault(p, CREATE_PATH);
    }
    expect(await rowStatuses(p, jobId)).toEqual({ done: 200 });
    expect(await requestsPerCustomer(p, state.systemId, KILL)).toEqual({
      ours: Array(200).fill(1),
      customers: 200,
      inAltinn: Array(200).fill(1),
    });
    // However the two processes split the audit chunks, every row is in exactly one of them.
    const chunks = await p.db.auditEvent.findMany({ where: { action: "bulk.requests", targetId: jobId } });
    const audited = chunks.flatMap((c) => auditedRequests.parse(c.detail).requests.map((r) => r.orgNo));
    expect(audited.sort()).toEqual([...KILL].sort());
    expect(await p.db.bulkRow.count({ where: { jobId, audited: false } })).toBe(0);
  }, 120_000);
}
