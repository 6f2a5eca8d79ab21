-- The audit page filters one chain at a time (the environment's and the installation's, merged by seq):
-- (column, chain, seq) lets each of those read only its own rows, newest first, where (column, seq) read
-- every chain's rows for the value (and all of them when the installation has none). bench/audit-search.ts.
-- DropIndex
DROP INDEX "audit_events_actorId_seq_idx";

-- DropIndex
DROP INDEX "audit_events_action_seq_idx";

-- DropIndex
DROP INDEX "audit_events_targetType_targetId_seq_idx";

-- DropIndex
DROP INDEX "audit_events_orgNumber_seq_idx";

-- DropIndex
DROP INDEX "audit_events_systemId_seq_idx";

-- DropIndex
DROP INDEX "audit_events_outcome_seq_idx";

-- CreateIndex
CREATE INDEX "audit_events_actorId_chain_seq_idx" ON "audit_events"("actorId", "chain", "seq");

-- CreateIndex
CREATE INDEX "audit_events_action_chain_seq_idx" ON "audit_events"("action", "chain", "seq");

-- CreateIndex
CREATE INDEX "audit_events_targetType_targetId_chain_seq_idx" ON "audit_events"("targetType", "targetId", "chain", "seq");

-- CreateIndex
CREATE INDEX "audit_events_targetType_chain_seq_idx" ON "audit_events"("targetType", "chain", "seq");

-- CreateIndex
CREATE INDEX "audit_events_orgNumber_chain_seq_idx" ON "audit_events"("orgNumber", "chain", "seq");

-- CreateIndex
CREATE INDEX "audit_events_systemId_chain_seq_idx" ON "audit_events"("systemId", "chain", "seq");

-- CreateIndex
CREATE INDEX "audit_events_outcome_chain_seq_idx" ON "audit_events"("outcome", "chain", "seq");
