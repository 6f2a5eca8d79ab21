import "server-only";
import { db } from "@/lib/core/db";
import { runBulkJob } from "@/lib/bulk/runner";
import { logger } from "@/lib/core/log";

// The queue's job is only "work on job X" (or, from the schedule and at start-up, "work on whatever is
// unfinished"). The work runs in the background of this process so one long job never blocks the queue
// or another job; a job already being worked here is not started twice.
const g = globalThis as unknown as { bulkRunners?: Map<string, Promise<unknown>>; bulkAbort?: AbortController };
const runners = () => (g.bulkRunners ??= new Map());

/** Jobs with rows still to do: running ones, and cancelled ones whose process died mid-row. */
export async function unfinishedBulkJobs(): Promise<string[]> {
  const jobs = await db.bulkJob.findMany({
    where: {
      finishedAt: null,
      OR: [{ status: "running" }, { status: "cancelled", rows: { some: { status: "working" } } }],
    },
    select: { id: true },
  });
  return jobs.map((j) => j.id);
}

export async function workOnBulkJobs(data: unknown): Promise<{ started: string[] }> {
  const jobId =
    data && typeof data === "object" && "jobId" in data && typeof data.jobId === "string" ? data.jobId : null;
  const ids = jobId ? [jobId] : await unfinishedBulkJobs();
  const started: string[] = [];
  g.bulkAbort ??= new AbortController();
  for (const id of ids) {
    if (runners().has(id)) continue;
    const run = runBulkJob(id, { signal: g.bulkAbort.signal })
      .catch((err: unknown) =>
        logger("bulk").warn(`job ${id} stopped: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => runners().delete(id));
    runners().set(id, run);
    started.push(id);
  }
  return { started };
}

/** Lets rows in flight finish and stops claiming new ones (their leases let another process go on). */
export async function stopBulkRunners(): Promise<void> {
  g.bulkAbort?.abort();
  await Promise.allSettled([...runners().values()]);
  g.bulkAbort = undefined;
}
