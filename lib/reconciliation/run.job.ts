import "server-only";
import { db } from "@/lib/core/db";
import { runAs } from "@/lib/core/request-context";
import { connect } from "@/lib/environments/connect";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { listRequestsBySystem } from "@/lib/integrations/altinn/requests";
import { listSystemUsersBySystem } from "@/lib/integrations/altinn/system-users";
import { currentFindings, LABEL, storeFindings, type Remote } from "@/lib/reconciliation/findings";
import { z } from "zod";
import { logger } from "@/lib/core/log";

export type RunReport = {
  runId: string;
  status: "succeeded" | "failed";
  systems: number;
  failedSystems: string[];
  opened: number;
  resolved: number;
};

/**
 * One run for one environment: every page of system users and requests per registered system, compared
 * with our tables. A system Altinn does not answer for keeps its findings exactly as they were (no list
 * means no evidence either way) and marks the run failed; the other systems are still reconciled.
 */
export async function reconcileEnvironment(environmentId: string, triggeredBy: string = LABEL): Promise<RunReport> {
  const run = await db.reconRun.create({
    data: { environmentId, status: "running", triggeredBy },
    select: { id: true, startedAt: true },
  });
  const failedSystems: string[] = [];
  let [opened, resolved, systems] = [0, 0, 0];
  let error: string | null = null;
  try {
    const environment = await loadEnvironmentById(environmentId);
    const registered = await db.system.findMany({
      where: { environmentId, deletedAt: null, altinnInternalId: { not: null } },
      select: { id: true, systemId: true },
      orderBy: { systemId: "asc" },
    });
    systems = registered.length;
    for (const system of registered) {
      let remote: Remote;
      try {
        remote = await runAs(LABEL, async () => {
          const [users, requests] = await Promise.all([
            listSystemUsersBySystem(connect(environment), system.systemId),
            listRequestsBySystem(connect(environment), system.systemId),
          ]);
          return { users, requests };
        });
      } catch (err) {
        failedSystems.push(system.systemId);
        logger("reconcile").warn(`${system.systemId}: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      const counts = await storeFindings(
        environmentId,
        system,
        await currentFindings(environment, system, remote, run.startedAt),
      );
      opened += counts.opened;
      resolved += counts.resolved;
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    logger("reconcile").error(`environment ${environmentId}: ${error}`);
  }
  const status = failedSystems.length > 0 || error ? "failed" : "succeeded";
  await db.reconRun.update({
    where: { id: run.id },
    data: { finishedAt: new Date(), status, systems, failedSystems, opened, resolved, error },
  });
  return { runId: run.id, status, systems, failedSystems, opened, resolved };
}

const jobData = z.object({ environmentId: z.uuid().optional(), triggeredBy: z.string().max(200).optional() }).catch({});

/** The `reconcile` job: one environment when the Run now button names it, else every environment. */
export async function runReconciliation(data: unknown): Promise<RunReport[]> {
  const { environmentId, triggeredBy } = jobData.parse(data ?? {});
  const ids = environmentId
    ? [environmentId]
    : (await db.environment.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })).map((e) => e.id);
  const reports: RunReport[] = [];
  for (const id of ids) reports.push(await reconcileEnvironment(id, triggeredBy));
  return reports;
}
