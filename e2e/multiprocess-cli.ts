// The multi-process spec's set-up (e2e/multiprocess.spec.ts), in a process of its own against that
// spec's database:
//   node --conditions=react-server --import tsx e2e/multiprocess-cli.ts <firstOrgNo> <count>
// starts a bulk job over the given org numbers for the demo system (npm run demo made it) as the first
// admin, kicked more than once so the portal processes share its rows, and prints the job's id on its last line;
//   … e2e/multiprocess-cli.ts kick <queue>
// asks the processes to work that queue now (as the cron minute would).
import { orgNumbers } from "../test/org-numbers";
import type { QueueName } from "@/lib/core/jobs/queues";

const [first = "", count = "0"] = process.argv.slice(2);
const { db, closeDb } = await import("@/lib/core/db");
const { loadEnvironmentBySlug } = await import("@/lib/environments/queries");
const { previewBulkUpload, startBulkJob } = await import("@/lib/bulk/jobs");
const { kick, stopBoss } = await import("@/lib/core/jobs/boss");
try {
  if (first === "kick") await kick(count as QueueName);
  else console.log(await bulkJob(orgNumbers(Number(count), Number(first))));
} finally {
  await stopBoss();
  await closeDb();
}

async function bulkJob(orgNos: string[]): Promise<string> {
  const environment = await loadEnvironmentBySlug("local");
  const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
  const scope = {
    actor: { id: admin.id, email: admin.email, name: admin.name, role: admin.role, mustChangePassword: false },
    environment,
  };
  const system = await db.system.findFirstOrThrow({
    where: { environmentId: environment.id, systemId: `${environment.vendorOrgNo}_demo` },
    select: { id: true },
  });
  const res = await fetch(`${environment.altinnBaseUrl}/emulator/parties`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ organisations: orgNos.map((orgNo, i) => ({ orgNo, name: `Kunde ${i} AS` })) }),
  });
  if (!res.ok) throw new Error(`emulator parties: ${res.status} ${await res.text()}`);
  const csv = `orgnr;navn;ref\r\n${orgNos.map((o, i) => `${o};Kunde ${i} AS;K${i}`).join("\r\n")}\r\n`;
  const { id } = await previewBulkUpload(
    scope,
    { systemId: system.id, fileName: "tusen.csv" },
    new TextEncoder().encode(csv),
  );
  await startBulkJob(scope, id);
  // startBulkJob kicked it once; two more, so other processes are likely to join at once (the cron
  // schedule would bring them in within a minute anyway).
  await kick("bulk-onboarding", { jobId: id });
  await kick("bulk-onboarding", { jobId: id });
  return id;
}
