import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/core/db";
import { currentMasterKeyId, masterKeys, openSecret, sealSecret } from "@/lib/core/master-key";
import { keyId } from "@/lib/core/secret-box";
import { columnName, SEALED_COLUMNS, type SealedColumn } from "@/lib/secrets/sealed-columns";

// Re-seals every stored secret under the current master key while the portal runs (ADR 019). Each row
// is its own UPDATE (its own short transaction), guarded by the envelope it read: a row the portal
// changed meanwhile (a webhook secret rotated, a job resumed) keeps the portal's write, which every
// process seals under the current key anyway. Nothing is locked for longer than one row.

const BATCH = 200;
const FIRST_ID = "00000000-0000-0000-0000-000000000000";
const q = (identifier: string) => `"${identifier}"`;

export type ColumnReport = {
  column: string;
  resealed: number;
  /** The row changed between our read and our write; the portal's own write stands. */
  changedMeanwhile: number;
  failed: { id: string; error: string }[];
};
export type ResealReport = {
  keyId: string;
  previousKeyIds: string[];
  columns: ColumnReport[];
  /** Envelopes per key id ("v1": from before key ids) before and after. */
  before: Record<string, number>;
  after: Record<string, number>;
};

/** How many envelopes each key (by id) has sealed, over every sealed column. */
export async function countEnvelopesByKey(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const c of SEALED_COLUMNS) {
    const col = q(c.column);
    const rows = await db.$queryRawUnsafe<{ kid: string; n: number }[]>(
      `SELECT CASE WHEN ${col} LIKE 'v1.%' THEN 'v1' ELSE split_part(${col}, '.', 2) END AS kid, count(*)::int AS n
         FROM ${q(c.table)} WHERE ${col} IS NOT NULL GROUP BY 1`,
    );
    for (const r of rows) counts[r.kid] = (counts[r.kid] ?? 0) + r.n;
  }
  return counts;
}

async function resealColumn(c: SealedColumn, current: string): Promise<ColumnReport> {
  const report: ColumnReport = { column: columnName(c), resealed: 0, changedMeanwhile: 0, failed: [] };
  const select = [...new Set(["id", ...c.aadFrom])].map((n) => `${q(n)}::text AS ${q(n)}`).join(", ");
  const col = q(c.column);
  let after = FIRST_ID;
  for (;;) {
    // Keyset over the id: rows that fail stay behind us instead of coming back in every batch.
    const rows = await db.$queryRawUnsafe<(Record<string, string> & { envelope: string })[]>(
      `SELECT ${select}, ${col} AS envelope FROM ${q(c.table)}
        WHERE ${col} IS NOT NULL AND ${col} NOT LIKE $1 AND id > $2::uuid ORDER BY id LIMIT $3`,
      `v2.${current}.%`,
      after,
      BATCH,
    );
    for (const row of rows) {
      const aad = c.aad(row);
      let next: string;
      try {
        next = sealSecret(openSecret(row.envelope, aad), aad);
      } catch (err) {
        report.failed.push({ id: row.id ?? "", error: err instanceof Error ? err.message : String(err) });
        continue;
      }
      const n = await db.$executeRawUnsafe(
        `UPDATE ${q(c.table)} SET ${col} = $1 WHERE id = $2::uuid AND ${col} = $3`,
        next,
        row.id,
        row.envelope,
      );
      if (n === 1) report.resealed += 1;
      else report.changedMeanwhile += 1;
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    after = last.id ?? after;
  }
  return report;
}

/** Re-seals every envelope not under the current key; audited as the system (`label` names the command). */
export async function resealAllSecrets(label: string): Promise<ResealReport> {
  const current = currentMasterKeyId();
  const before = await countEnvelopesByKey();
  const columns: ColumnReport[] = [];
  for (const c of SEALED_COLUMNS) columns.push(await resealColumn(c, current));
  const after = await countEnvelopesByKey();
  const report = {
    keyId: current,
    previousKeyIds: masterKeys().slice(1).map(keyId),
    columns,
    before,
    after,
  };
  const failed = columns.reduce((n, c) => n + c.failed.length, 0);
  await recordAudit({
    actor: { type: "system", label },
    action: "master_key.reseal",
    target: { type: "master_key", id: current },
    outcome: failed === 0 ? "success" : "failure",
    detail: {
      previousKeyIds: report.previousKeyIds,
      before,
      after,
      columns: columns.map((c) => ({ ...c, failed: c.failed.map((f) => f.id) })),
    },
  });
  return report;
}
