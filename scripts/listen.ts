// npm run listen -- --env <slug> [--forward-to http://127.0.0.1:8000/webhooks]
// Prints an environment's events as they happen (like `stripe listen`) and, with --forward-to, POSTs each
// one signed per Standard Webhooks with a secret made for this run, so a receiver can be built and
// tested on a laptop without registering an endpoint. Reads the database directly: a local tool.
import { parseArgs } from "node:util";
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

const { values } = parseArgs({
  options: { env: { type: "string" }, "forward-to": { type: "string" } },
});
const forwardTo = values["forward-to"];
if (!values.env || (forwardTo && !URL.canParse(forwardTo))) {
  console.error("Usage: npm run listen -- --env <slug> [--forward-to <url>]");
  process.exit(2);
}

const POLL_MS = 500;
const PAGE = 100;

prepareRuntimeEnv();
const database = await withDatabase();
const { db, closeDb } = await import("@/lib/core/db");
const { AppError } = await import("@/lib/core/errors");
const { loadEnvironmentBySlug } = await import("@/lib/environments/queries");
const { eventBody } = await import("@/lib/events/queries");
const { newWebhookSecret, signatureHeaders } = await import("@/lib/webhooks/sign");

let stopping = false;
process.on("SIGINT", () => (stopping = true));
process.on("SIGTERM", () => (stopping = true));

async function forward(url: string, secret: string, id: string, body: string): Promise<string> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { ...signatureHeaders(id, new Date(), body, [secret]), "content-type": "application/json" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    return `[${res.status}] ${Math.round(performance.now() - started)} ms`;
  } catch (err) {
    return `failed: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`;
  }
}

try {
  const environment = await loadEnvironmentBySlug(values.env);
  const secret = forwardTo ? newWebhookSecret() : null;
  const max = await db.vendorEvent.aggregate({ where: { environmentId: environment.id }, _max: { seq: true } });
  // Events are numbered in commit order (emitEvent holds the environment's row until commit), so
  // "after the last one seen" never skips one that commits late.
  let last = max._max.seq ?? 0n;
  console.log(`Ready! Listening for events in ${environment.name} (${environment.slug}) after #${last}. ^C to quit.`);
  if (secret) console.log(`Your webhook signing secret is ${secret} (forwarding to ${forwardTo})`);
  while (!stopping) {
    const rows = await db.vendorEvent.findMany({
      where: { environmentId: environment.id, seq: { gt: last } },
      orderBy: { seq: "asc" },
      take: PAGE,
      select: { id: true, seq: true, type: true, data: true, createdAt: true },
    });
    for (const row of rows) {
      const data = JSON.stringify(row.data);
      const short = data.length > 100 ? `${data.slice(0, 97)}…` : data;
      console.log(`${row.createdAt.toISOString()}  #${row.seq}  ${row.type.padEnd(20)} ${row.id}  ${short}`);
      if (forwardTo && secret) {
        const body = JSON.stringify(eventBody(row, environment.slug));
        console.log(`  → ${forwardTo} ${await forward(forwardTo, secret, row.id, body)}`);
      }
      last = row.seq;
    }
    if (rows.length < PAGE) await new Promise((r) => setTimeout(r, POLL_MS));
  }
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(err.userMessage.en);
  process.exitCode = 1;
} finally {
  await closeDb();
  await database.stop();
}
