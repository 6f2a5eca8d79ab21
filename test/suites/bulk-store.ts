import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { addOrganisations } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedSystem } from "../seed";

// lib/bulk/store-batch.ts: the bulk runner writes the outcomes that arrive while a write is in flight in one
// statement (lib/bulk/store.ts storeRequests). Here the statement itself, with 40 rows at once (the runner's grouping depends on timing).
// Org numbers: block 7 of the bulk suite's block (test/suites/bulk.ts uses 0–6).
const BATCH = orgNumbers(40, ORG_BLOCKS.bulk + 7 * 100_000);
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);

export function bulkStoreTests(ref: PortalRef) {
  const state = { systemRowId: "", systemId: "" };
  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, BATCH);
    const system = await seedSystem(p, { prefix: "bulkstore" });
    Object.assign(state, { systemRowId: system.id, systemId: system.systemId });
  });

  const newJob = async () => {
    const p = ref();
    const jobs = await import("@/lib/bulk/jobs");
    const { id } = await jobs.previewBulkUpload(
      p.scope(p.actors.operator),
      { systemId: state.systemRowId, fileName: "kunder.csv" },
      csv(["orgnr;navn;ref", ...BATCH.map((o, i) => `${o};Kunde ${i};K${i}`)]),
    );
    await jobs.startBulkJob(p.scope(p.actors.operator), id);
    return id;
  };
  const rowStatuses = async (jobId: string) =>
    Object.fromEntries(
      (await ref().db.bulkRow.groupBy({ by: ["status"], where: { jobId }, _count: { _all: true } })).map((g) => [
        g.status,
        g._count._all,
      ]),
    );

  it("writes many rows' outcomes in one statement as the one-row path would, and a batch written again changes nothing", async () => {
    const p = ref();
    const jobId = await newJob();
    const { claimRows, finishJobIfComplete, storeRequests } = await import("@/lib/bulk/store");
    const { createStandardRequest } = await import("@/lib/integrations/altinn/requests");
    const connection = p.m.connect(await p.m.environments.loadEnvironmentById(p.environmentId));
    const rows = await claimRows(jobId, 60_000, BATCH.length);
    expect(rows).toHaveLength(BATCH.length);
    const stores = await Promise.all(
      rows.map(async (row) => {
        const requestId = crypto.randomUUID();
        const { request } = await createStandardRequest(connection, {
          systemId: state.systemId,
          partyOrgNo: row.orgNo,
          externalRef: row.externalRef,
          accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
          redirectUrl: `http://127.0.0.1:3999/onboard/callback?ref=${requestId}`,
        });
        const createdById = p.actors.operator.id;
        return { row, requestId, systemRowId: state.systemRowId, createdById, request, existedInAltinn: false, jobId };
      }),
    );
    const first = await storeRequests(stores);
    expect([...first.values()].filter((v) => v.fresh)).toHaveLength(BATCH.length);
    expect(stores.map((s) => first.get(s.row.id)?.requestId)).toEqual(stores.map((s) => s.requestId));
    // Written again (a retried batch): the same requests, none new, no second event.
    const again = await storeRequests(stores);
    expect(stores.map((s) => again.get(s.row.id))).toEqual(
      stores.map((s) => ({ requestId: s.requestId, fresh: false })),
    );
    expect(await rowStatuses(jobId)).toEqual({ done: BATCH.length });
    expect(await p.db.bulkRow.count({ where: { jobId, existed: true } })).toBe(BATCH.length);
    expect(await p.db.requestEvent.count({ where: { request: { customer: { orgNo: { in: BATCH } } } } })).toBe(
      BATCH.length,
    );
    const [s0] = stores;
    const one = await p.db.systemUserRequest.findUniqueOrThrow({
      where: { id: s0?.requestId },
      include: { events: true },
    });
    expect(one).toMatchObject({
      createdVia: "bulk",
      status: "New",
      createdById: p.actors.operator.id,
      altinnRequestId: s0?.request.id,
      accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
      redirectUrl: s0?.request.redirectUrl,
    });
    expect((one.nextCheckAt?.getTime() ?? 0) - one.createdAt.getTime()).toBe(60_000);
    expect(one.events.map((e) => [e.kind, e.detail])).toEqual([
      [
        "created",
        { altinnRequestId: s0?.request.id, existedInAltinn: false, via: "bulk", bulkJobId: jobId, renewedFrom: null },
      ],
    ]);
    expect(await finishJobIfComplete(jobId)).toBe(true);
  });
}
