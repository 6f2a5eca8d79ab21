// A separate portal process that works one bulk job, for the kill test (test/suites/bulk.ts): the
export {};
// parent SIGKILLs it mid-way and starts another. Env (DATABASE_URL, keys, URLs) comes from the parent.
// Run: node --conditions=react-server --import tsx test/bulk-child.ts <jobId> <leaseMs>
const [jobId, leaseMs] = process.argv.slice(2);
if (!jobId) throw new Error("usage: bulk-child.ts <jobId> [leaseMs]");
const { runBulkJob } = await import("@/lib/bulk/runner");
const { closeDb } = await import("@/lib/core/db");
const report = await runBulkJob(jobId, { leaseMs: Number(leaseMs ?? 60_000) });
console.log(`bulk-child ${JSON.stringify(report)}`);
await closeDb();
