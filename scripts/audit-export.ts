// npm run audit:export -- --env <slug> --out FILE      (or --installation for users and sign-ins)
// Writes one audit chain as JSON Lines that `npm run audit:verify` checks offline: every event from
// where the chain starts, then a checkpoint signed now that covers the last one. Audited (ADR 020).
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

const { values } = parseArgs({
  options: { env: { type: "string" }, installation: { type: "boolean" }, out: { type: "string" } },
});
if (!values.out || (!values.env && !values.installation)) {
  console.error("Usage: npm run audit:export -- (--env <slug> | --installation) --out FILE");
  process.exit(2);
}

prepareRuntimeEnv();
const database = await withDatabase();
const { db, closeDb } = await import("@/lib/core/db");
const { recordAudit } = await import("@/lib/audit/record");
const { writeChainExport } = await import("@/lib/audit/export-chain");
try {
  const env = values.env
    ? await db.environment.findUnique({ where: { slug: values.env }, select: { id: true } })
    : null;
  if (values.env && !env) {
    const slugs = (await db.environment.findMany({ select: { slug: true } })).map((e) => e.slug);
    console.error(`No environment "${values.env}". There are: ${slugs.join(", ") || "(none)"}.`);
    process.exitCode = 1;
  } else {
    const chain = env?.id ?? "installation";
    // Recorded first, so the export holds its own record.
    await recordAudit({
      actor: { type: "system", label: "cli" },
      action: "audit.export",
      target: { type: "audit_chain", id: chain },
      outcome: "success",
      detail: { format: "jsonl-verifiable", out: values.out },
      environmentId: env?.id ?? null,
    });
    const out = createWriteStream(values.out, { mode: 0o600 });
    const result = await writeChainExport(chain, async (line) => {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    });
    out.end();
    await once(out, "finish");
    if (!result.upTo) {
      console.error("The chain cannot be signed: it does not hold (see the audit page). Nothing usable was written.");
      process.exitCode = 1;
    } else {
      console.log(`Wrote ${result.events} events to ${values.out}, up to seq ${result.upTo.seq} (signed checkpoint).`);
      if (result.notCovered > 0n)
        console.error(
          `WARNING: ${result.notCovered} newer events do not follow the chain and were left out. Check the audit page.`,
        );
    }
  }
} finally {
  await closeDb();
  await database.stop();
}
