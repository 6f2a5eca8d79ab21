-- AlterTable: one chain per environment plus "installation", numbered from 1 in the order written.
-- The hashes are recomputed for the new chains by the portal at its next start (lib/audit/upgrade.ts),
-- which needs the canonical JSON the portal computes. Until then the rows keep their old hashes.
ALTER TABLE "audit_events" ADD COLUMN     "chain" TEXT,
ADD COLUMN     "chainSeq" BIGINT,
ADD COLUMN     "orgNumber" TEXT,
ADD COLUMN     "systemId" TEXT;

-- The rules that keep the trail append-only get one named way through each: retention's pruning
-- (lib/audit/retention.ts) and re-chaining (lib/audit/upgrade.ts) set a transaction-local flag first.
-- They are guard rails against mistakes, not a security boundary: the hash chain and its signed
-- checkpoints are what detect a change (ADR 020).
DROP RULE audit_events_no_update ON "audit_events";
CREATE RULE audit_events_no_update AS ON UPDATE TO "audit_events"
  WHERE current_setting('portal.audit_write', true) IS DISTINCT FROM 'rechain' DO INSTEAD NOTHING;
DROP RULE audit_events_no_delete ON "audit_events";
CREATE RULE audit_events_no_delete AS ON DELETE TO "audit_events"
  WHERE current_setting('portal.audit_write', true) IS DISTINCT FROM 'prune' DO INSTEAD NOTHING;

SELECT set_config('portal.audit_write', 'rechain', false);
UPDATE "audit_events" e SET "chain" = n."chain", "chainSeq" = n."chainSeq"
FROM (
  SELECT "seq", COALESCE("environmentId"::text, 'installation') AS "chain",
         row_number() OVER (PARTITION BY COALESCE("environmentId"::text, 'installation') ORDER BY "seq") AS "chainSeq"
  FROM "audit_events"
) n
WHERE e."seq" = n."seq";

SELECT set_config('portal.audit_write', '', false);

ALTER TABLE "audit_events" ALTER COLUMN "chain" SET NOT NULL, ALTER COLUMN "chainSeq" SET NOT NULL;

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "id" UUID NOT NULL,
    "chain" TEXT NOT NULL,
    "chainSeq" BIGINT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "eventAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "jws" TEXT NOT NULL,
    "base" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_checkpoints_chain_chainSeq_key" ON "audit_checkpoints"("chain", "chainSeq");

-- CreateIndex
CREATE INDEX "audit_events_chain_seq_idx" ON "audit_events"("chain", "seq");

-- CreateIndex
CREATE INDEX "audit_events_actorId_seq_idx" ON "audit_events"("actorId", "seq");

-- CreateIndex
CREATE INDEX "audit_events_action_seq_idx" ON "audit_events"("action", "seq");

-- CreateIndex
CREATE INDEX "audit_events_targetType_targetId_seq_idx" ON "audit_events"("targetType", "targetId", "seq");

-- CreateIndex
CREATE INDEX "audit_events_orgNumber_seq_idx" ON "audit_events"("orgNumber", "seq");

-- CreateIndex
CREATE INDEX "audit_events_systemId_seq_idx" ON "audit_events"("systemId", "seq");

-- CreateIndex
CREATE INDEX "audit_events_outcome_seq_idx" ON "audit_events"("outcome", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_chain_chainSeq_key" ON "audit_events"("chain", "chainSeq");


-- The hash scheme the rows above still carry, which lib/audit/upgrade.ts moves them to 2
INSERT INTO "settings" ("key", "value", "updatedAt") SELECT 'audit.chainVersion', '1'::jsonb, CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM "audit_events");
