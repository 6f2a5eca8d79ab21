// npm run bench — bulk onboarding throughput: 1,000 customers against the emulator with 50 ms added
// latency on the request-create path and concurrency c. The bound is what c parallel callers could do
// at best (1000 × 50 ms / c); R = measured / bound says how much our own work adds. Goal: R ≤ 1.3.
// Runs on the local PostgreSQL (production-like) when it answers, then on embedded PGlite.
// The emulator runs in a process of its own (emulator/main.ts on port 38100 + database index), as in
// production where Altinn is elsewhere: in the portal's event loop its own work counted against us
// (plain-fetch floor 1.24–1.35 at c = 25). BENCH_BULK_EMULATOR=inprocess brings back the old set-up.
// PGlite runs in a process of its own too, as under `npm start` (bench/pglite-process.ts).
import { spawn, spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { createPostgresDatabase, postgresAnswers, startPglite, type TestDatabase } from "../test/databases";
import { startPortal } from "../test/portal";
import { addOrganisations, orgNumbers, systemInput } from "../test/helpers";
import { emulatorFetch } from "../test/emulator-api";

const CUSTOMERS = 1000;
const LATENCY_MS = 50;
// Three runs at each concurrency; the headline is their median: single runs are noisy (at c = 25 on
// PostgreSQL seven single runs on a quiet machine gave 1.25 to 1.46).
const RUNS = process.env.BENCH_BULK_RUNS?.split(",").map(Number) ?? [10, 10, 10, 25, 25, 25];
const GOAL = 1.3;

type Result = {
  db: string;
  c: number;
  ms: number;
  bound: number;
  r: number;
  floorR: number;
  phases: Record<string, number>;
};

/**
 * The same number of calls at the same concurrency with nothing of ours around them (plain fetch of a
 * GET on the same delayed path): what this machine and the emulator allow at best right now.
 */
async function floorMs(emulatorUrl: string, token: string, c: number): Promise<number> {
  let left = CUSTOMERS;
  const url = `${emulatorUrl}/authentication/api/v1/systemuser/request/vendor/00000000-0000-4000-8000-000000000000`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (left-- > 0) await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
    }),
  );
  return performance.now() - started;
}

const inProcess = process.env.BENCH_BULK_EMULATOR === "inprocess";

/** PGlite in a child process (bench/pglite-process.ts), as in production; BENCH_BULK_PGLITE=inprocess for the old set-up. */
async function pgliteProcess(): Promise<TestDatabase> {
  if (process.env.BENCH_BULK_PGLITE === "inprocess") return startPglite();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/pglite-process.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((r) => child.once("exit", r));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += String(d);
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`PGlite process ended (${code})`)));
  });
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The emulator in a child process on a loopback port; resolves once it answers. */
async function emulatorProcess(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
    env: { ...process.env, EMULATOR_PORT: String(port), EMULATOR_HOST: "127.0.0.1", EMULATOR_PUBLIC_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((r) => child.once("exit", r));
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
  };
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${url}/emulator/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`emulator on ${url} did not answer`);
}

async function benchOne(name: string, start: () => Promise<TestDatabase>): Promise<Result[]> {
  const database = await start();
  const emulator = inProcess ? null : await emulatorProcess(name === "pglite" ? 38101 : 38100);
  const portal = await startPortal(database.url, { emulatorUrl: emulator?.url });
  const results: Result[] = [];
  try {
    const { previewBulkUpload, startBulkJob } = await import("@/lib/bulk/jobs");
    const { runBulkJob } = await import("@/lib/bulk/runner");
    const system = await portal.m.systems.createSystem(
      portal.scope(portal.actors.admin),
      systemInput(portal, "bench-bulk"),
    );
    let from = 50_000_000;
    // Warm-up (JIT, pool connections, token): a small job, not measured.
    const warm = orgNumbers(100, 49_000_000);
    await addOrganisations(portal, warm);
    const w = await previewBulkUpload(
      portal.scope(portal.actors.operator),
      { systemId: system.id, fileName: "warm.csv" },
      new TextEncoder().encode(warm.join("\n")),
    );
    await startBulkJob(portal.scope(portal.actors.operator), w.id);
    await runBulkJob(w.id, { concurrency: 10 });
    const environment = await portal.m.environments.loadEnvironmentById(portal.environmentId);
    const token = await portal.m.tokens.getAccessToken(portal.m.connect(environment));
    for (const c of RUNS) {
      const orgs = orgNumbers(CUSTOMERS, from);
      from += 2_000_000;
      await addOrganisations(portal, orgs);
      await emulatorFetch(portal.emulatorUrl, "/emulator/faults", {
        body: { path: "/authentication/api/v1/systemuser/request/vendor", latencyMs: 0 },
      });
      const file = new TextEncoder().encode(["orgnr;navn", ...orgs.map((o, i) => `${o};Bench ${i}`)].join("\n"));
      const t0 = performance.now();
      const { id } = await previewBulkUpload(
        portal.scope(portal.actors.operator),
        { systemId: system.id, fileName: "bench.csv" },
        file,
      );
      const t1 = performance.now();
      await emulatorFetch(portal.emulatorUrl, "/emulator/faults", {
        body: { path: "/authentication/api/v1/systemuser/request/vendor", latencyMs: LATENCY_MS },
      });
      const t2 = performance.now();
      await startBulkJob(portal.scope(portal.actors.operator), id);
      const t3 = performance.now();
      const timings: Record<string, number> = {};
      const report = await runBulkJob(id, { concurrency: c, timings });
      const t4 = performance.now();
      const done = await portal.db.bulkRow.count({ where: { jobId: id, status: "done" } });
      const requests = await portal.db.systemUserRequest.count({ where: { customer: { orgNo: { in: orgs } } } });
      if (done !== CUSTOMERS || requests !== CUSTOMERS || !report.finished) {
        console.log(`  ${name} c=${c}: INCOMPLETE done=${done} requests=${requests} report=${JSON.stringify(report)}`);
        process.exitCode = 1;
      }
      const floor = await floorMs(portal.emulatorUrl, token, c);
      const calls = await portal.db.outboundCall.aggregate({
        where: { triggeredBy: `bulk ${id}` },
        _avg: { durationMs: true },
        _count: { _all: true },
      });
      const ms = t4 - t2;
      const bound = (CUSTOMERS * LATENCY_MS) / c;
      results.push({
        db: name,
        c,
        ms,
        bound,
        r: ms / bound,
        floorR: floor / bound,
        phases: {
          previewMs: t1 - t0,
          startMs: t3 - t2,
          runMs: t4 - t3,
          altinnCalls: calls._count._all,
          avgAltinnCallMs: calls._avg.durationMs ?? 0,
          ...Object.fromEntries(Object.entries(timings).map(([k, v]) => [`avg_${k}Ms`, v / CUSTOMERS])),
        },
      });
    }
  } finally {
    await portal.stop();
    await emulator?.stop();
    await database.stop();
  }
  return results;
}

// Each database in its own process: the data layer's pool and env are per-process singletons.
const which = process.argv[2];
if (which === "postgresql" || which === "pglite") {
  const results = await benchOne(which, which === "pglite" ? pgliteProcess : createPostgresDatabase);
  for (const r of results) {
    console.log(
      `  run ${r.db} c=${r.c}: ${(r.ms / 1000).toFixed(2)} s vs bound ${(r.bound / 1000).toFixed(2)} s = ${r.r.toFixed(2)}; floor ${r.floorR.toFixed(2)} (plain fetch of the same delayed path)`,
    );
    console.log(
      `    phases (ms): ${Object.entries(r.phases)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(", ")}`,
    );
  }
  for (const c of [...new Set(RUNS)]) {
    const rs = results
      .filter((r) => r.c === c)
      .map((r) => r.r)
      .sort((a, b) => a - b);
    const floors = results
      .filter((r) => r.c === c)
      .map((r) => r.floorR)
      .sort((a, b) => a - b);
    const median = rs[Math.floor(rs.length / 2)] ?? NaN;
    console.log(
      `bulk time / bound: ${median.toFixed(2)}  (${which}, c=${c}, ${CUSTOMERS} customers, ${LATENCY_MS} ms latency; median of ${rs.length}: ${rs.map((r) => r.toFixed(2)).join(" ")}; floor ${(floors[Math.floor(floors.length / 2)] ?? NaN).toFixed(2)}; emulator ${inProcess ? "in process" : "own process"}; goal ≤ ${GOAL}${median <= GOAL ? "" : " MISSED"})`,
    );
  }
  console.log(
    `  load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${cpus().length} cores`,
  );
} else {
  const targets = (await postgresAnswers()) ? ["postgresql", "pglite"] : ["pglite"];
  if (targets.length === 1) console.log("bulk bench: PostgreSQL on 127.0.0.1:5432 does not answer; PGlite only");
  for (const t of targets) {
    const res = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? "bench/bulk.ts", t], {
      stdio: "inherit",
    });
    if (res.status !== 0) process.exitCode = res.status ?? 1;
  }
}
