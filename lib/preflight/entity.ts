import "server-only";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { logger } from "@/lib/core/log";
import type { EnvironmentView } from "@/lib/environments/types";
import { lookUpEntity as fetchEntity, type EntityLookup } from "@/lib/integrations/brreg/entity-register";
import type { EntityAnswer } from "@/lib/preflight/checks";

const log = logger("preflight");

// The register changes slowly; a day keeps a bulk pre-flight of thousands of rows to one call per
// organisation, and a bankruptcy shows up by the next day. Misses ("unknown") are cached for an hour
// only: an organisation registered this morning should not wait a day.
const FOUND_TTL_MS = 24 * 60 * 60_000;
const MISS_TTL_MS = 60 * 60_000;
const CONCURRENCY = 8;

type Row = Awaited<ReturnType<typeof db.entityRecord.findMany>>[number];

const fromRow = (r: Row): EntityAnswer =>
  r.status === "found"
    ? {
        status: "found",
        name: r.name ?? "",
        bankrupt: r.bankrupt,
        underLiquidation: r.underLiquidation,
        deletedOn: r.deletedOn,
      }
    : { status: r.status === "removed" ? "removed" : "unknown" };

const fresh = (r: Row, now: number) =>
  now - r.checkedAt.getTime() < (r.status === "found" ? FOUND_TTL_MS : MISS_TTL_MS);

/**
 * What the environment's Entity Register says about each org number, from the cache when fresh. An
 * outage answers "unchecked" for the numbers it could not look up: pre-flight never blocks sending because
 * Brønnøysund is down. An environment without a register (tt02: its test organisations are synthetic and only
 * Tenor knows them; Brønnøysund offers no test register) answers "off".
 */
export async function lookUpEntities(
  environment: Pick<EnvironmentView, "entityRegisterUrl">,
  orgNos: readonly string[],
): Promise<Map<string, EntityAnswer>> {
  const answers = new Map<string, EntityAnswer>();
  const wanted = [...new Set(orgNos)];
  const baseUrl = environment.entityRegisterUrl;
  if (!baseUrl) {
    for (const o of wanted) answers.set(o, { status: "off" });
    return answers;
  }
  const now = Date.now();
  const cached = await db.entityRecord.findMany({ where: { baseUrl, orgNo: { in: wanted } } });
  for (const r of cached) if (fresh(r, now)) answers.set(r.orgNo, fromRow(r));
  const missing = wanted.filter((o) => !answers.has(o));
  let down = false;
  for (let i = 0; i < missing.length; i += CONCURRENCY) {
    const batch = missing.slice(i, i + CONCURRENCY);
    // Once the register failed, the rest of this run is "unchecked" instead of a timeout each.
    const results = await Promise.all(batch.map((o) => (down ? null : fetchOne(baseUrl, o).catch(outage))));
    results.forEach((r, j) => {
      const orgNo = batch[j] ?? "";
      if (r === null) down = true;
      answers.set(orgNo, r ? toAnswer(r) : { status: "unchecked" });
    });
  }
  return answers;
}

export async function lookUpEntity(environment: Pick<EnvironmentView, "entityRegisterUrl">, orgNo: string) {
  return (await lookUpEntities(environment, [orgNo])).get(orgNo) ?? { status: "unchecked" as const };
}

function outage(err: unknown): null {
  if (!(err instanceof AppError)) throw err;
  log.warn({ err: err.cause }, "Entity Register unreachable; pre-flight says it could not check");
  return null;
}

async function fetchOne(baseUrl: string, orgNo: string): Promise<EntityLookup> {
  const found = await fetchEntity(baseUrl, orgNo);
  const data = {
    status: found.status,
    name: found.status === "found" ? found.name : null,
    orgForm: found.status === "found" ? found.orgForm : null,
    bankrupt: found.status === "found" && found.bankrupt,
    underLiquidation: found.status === "found" && found.underLiquidation,
    deletedOn: found.status === "found" ? found.deletedOn : null,
    checkedAt: new Date(),
  };
  await db.entityRecord.upsert({
    where: { baseUrl_orgNo: { baseUrl, orgNo } },
    create: { baseUrl, orgNo, ...data },
    update: data,
  });
  return found;
}

const toAnswer = (r: EntityLookup): EntityAnswer =>
  r.status === "found"
    ? {
        status: "found",
        name: r.name,
        bankrupt: r.bankrupt,
        underLiquidation: r.underLiquidation,
        deletedOn: r.deletedOn,
      }
    : { status: r.status };
