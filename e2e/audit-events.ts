// Records audit events for a customer in the Local environment through the real data layer (recordAudit,
// the hash chain and all), against an e2e target's database, the way e2e/fixtures.ts creates users: a
// page of events is more than a browser test can make by hand in reasonable time.
//   node --conditions=react-server --import tsx e2e/audit-events-cli.ts <orgNo> <count>
import { spawnSync } from "node:child_process";
import { targetByPort, targetEnv } from "./servers";

/** From a spec: `count` failed token diagnoses for the customer, as the token doctor records them. */
export function recordFailures(baseURL: string, orgNo: string, count: number): void {
  const res = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "e2e/audit-events-cli.ts", orgNo, String(count)],
    { env: { ...process.env, ...targetEnv(targetByPort(baseURL)) }, encoding: "utf8" },
  );
  if (res.status !== 0) throw new Error(`audit-events failed: ${res.stdout}\n${res.stderr}`);
}
