// The other half of e2e/audit-events.ts: runs in its own process against an e2e target's database.
//   node --conditions=react-server --import tsx e2e/audit-events-cli.ts <orgNo> <count>
import { prepareRuntimeEnv } from "../scripts/lib/runtime-env";
import { withDatabase } from "../scripts/lib/with-database";

const [orgNo = "", count = "0"] = process.argv.slice(2);
prepareRuntimeEnv();
const database = await withDatabase();
// The data layer reads its env when first imported: after the runtime env is prepared.
const { db, closeDb } = await import("@/lib/core/db");
const { recordAudit } = await import("@/lib/audit/record");
const { LOCAL_ENVIRONMENT } = await import("@/lib/environments/local");
try {
  const env = await db.environment.findUniqueOrThrow({ where: { slug: LOCAL_ENVIRONMENT.slug } });
  for (let i = 1; i <= Number(count); i++)
    await recordAudit({
      actor: { type: "system", label: "e2e" },
      action: "token.diagnose",
      target: { type: "customer", id: orgNo },
      outcome: "failure",
      environmentId: env.id,
      detail: { orgNo, code: "no_system_user", attempt: i },
    });
} finally {
  await closeDb();
  await database.stop();
}
