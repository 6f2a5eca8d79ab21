// npm run soak — not in CI: mixed traffic against one portal process (`npm run serve` as production
// runs it, on a fresh PostgreSQL database; needs a `next build`) for SOAK_MINUTES (default 10), after
// SOAK_WARMUP_SECONDS (default 120: with 30 s the heap was still growing to the size
// it then kept) of the same traffic. Prints, as issue 15 words it:
//   rss after 10 min / rss after warm-up: R    (goal ≤ 1.2)
// RSS is VmRSS from /proc/<pid>/status summed over the process group (scripts/start.ts and the Next
// server it starts), so a leak in either shows.
import { readdirSync, readFileSync } from "node:fs";
import { emulatorStats, portalUrl, startAll, type Setup } from "./procs";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const WARMUP_S = Number(process.env.SOAK_WARMUP_SECONDS ?? 120);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 4);
const GOAL = 1.2;

/** Kilobytes of resident memory of every process in the group. */
function groupRssKb(pgid: number): number {
  let kb = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Field 5 of /proc/<pid>/stat is the process group; the name in field 2 may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // The process ended while we read.
    }
  }
  return kb;
}

/** One of each kind a vendor and its customers bring: public page, tokens, API misses, health, docs. */
function traffic(s: Setup): Array<() => Promise<Response>> {
  const base = portalUrl(0);
  const auth = { authorization: `Bearer ${s.secret}`, "content-type": "application/json" };
  return [
    () => fetch(`${base}${s.publicPath}`),
    () => fetch(`${base}${s.publicPath}?orgNo=123&error=onboard.orgNoInvalid`),
    () => fetch(`${base}/api/v1/tokens`, { method: "POST", headers: auth, body: JSON.stringify(s) }),
    // Refused: a wrong key, a scope the key lacks, a body that fails validation.
    () => fetch(`${base}/api/v1/tokens`, { method: "POST", headers: { ...auth, authorization: "Bearer nope" } }),
    () => fetch(`${base}/api/v1/requests`, { headers: auth }),
    () => fetch(`${base}/api/v1/tokens`, { method: "POST", headers: auth, body: "{" }),
    () => fetch(`${base}/api/health`),
    () => fetch(`${base}/login`),
    () => fetch(`${base}/onboard/local/nothing-here`),
  ];
}

const { procs, setup, stop } = await startAll(1);
try {
  const pgid = procs[0]?.child.pid;
  if (!pgid) throw new Error("no portal process");
  const kinds = traffic(setup);
  let calls = 0;
  let failures = 0;
  let running = true;
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    for (let i = w; running; i++) {
      const r = await kinds[i % kinds.length]!().catch(() => null);
      await r?.arrayBuffer().catch(() => undefined);
      calls++;
      if (!r || r.status >= 500) failures++;
    }
  });
  const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  await sleep(WARMUP_S);
  const warm = groupRssKb(pgid);
  const warmCalls = calls;
  console.log(`  after ${WARMUP_S} s warm-up: rss ${(warm / 1024).toFixed(0)} MB, ${calls} calls`);
  for (let m = 1; m <= MINUTES; m++) {
    await sleep(60);
    console.log(`  minute ${m}: rss ${(groupRssKb(pgid) / 1024).toFixed(0)} MB, ${calls} calls`);
  }
  const end = groupRssKb(pgid);
  running = false;
  await Promise.all(workers);
  const ratio = end / warm;
  console.log(`rss after ${MINUTES} min / rss after warm-up: ${ratio.toFixed(2)}`);
  console.log(
    `  ${(warm / 1024).toFixed(0)} → ${(end / 1024).toFixed(0)} MB; ${calls - warmCalls} calls in ${MINUTES} min by ${WORKERS} workers over ${kinds.length} kinds, ${failures} failed (5xx or no answer); ${(await emulatorStats()).tokenGrants} token grants; goal ≤ ${GOAL}${ratio <= GOAL ? "" : " MISSED"}`,
  );
  if (ratio > GOAL || failures > 0) process.exitCode = 1;
} finally {
  await stop();
}
