-- Issue 15: /api/live reads one row per environment instead of counting request events. Triggers bump the
-- environment's counter in the writing statement's own transaction whenever something a list page shows is
-- written: a request event (every status change and action adds one), a system user created, marked deleted
-- or removed, a reconciliation run started or finished. Every writer counts (Prisma, the bulk runner's SQL).
--
-- The migration runner splits scripts at every semicolon, even inside quotes: the SQL function is one
-- statement in dollar quotes, and the plpgsql trigger bodies write each semicolon as \073 in an E'' string
-- (as in 0023). Nothing else in this file may contain one, comments included.

-- CreateTable
CREATE TABLE "live_counters" (
    "environmentId" UUID NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "live_counters_pkey" PRIMARY KEY ("environmentId")
);

-- AddForeignKey
ALTER TABLE "live_counters" ADD CONSTRAINT "live_counters_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "live_counters" ("environmentId", "version") SELECT "id", 0 FROM "environments";

-- One bump per environment a statement touched, whatever the number of rows. Rows are locked in key order,
-- so two statements never wait on each other in a circle, and an environment without a row gets one.
CREATE FUNCTION live_bump(uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "live_counters" AS t ("environmentId", "version")
  SELECT DISTINCT e, 1 FROM unnest($1) AS e WHERE e IS NOT NULL ORDER BY 1
  ON CONFLICT ("environmentId") DO UPDATE SET "version" = t."version" + 1
$$;

-- Statement-level triggers with transition tables: a bulk insert of 1,000 events is one bump, not 1,000.
CREATE FUNCTION live_bump_request_events() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM live_bump(array_agg(s."environmentId")) FROM changed e
    JOIN "system_user_requests" r ON r."id" = e."requestId" JOIN "systems" s ON s."id" = r."systemId"\073
  RETURN NULL\073
END';

CREATE FUNCTION live_bump_system_users() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM live_bump(array_agg(s."environmentId")) FROM changed u JOIN "systems" s ON s."id" = u."systemId"\073
  RETURN NULL\073
END';

-- Reconciliation marks a system user deleted (its status on the lists), the poller and sync touch other columns.
CREATE FUNCTION live_bump_system_users_updated() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM live_bump(array_agg(s."environmentId")) FROM added n JOIN removed o ON o."id" = n."id"
    JOIN "systems" s ON s."id" = n."systemId" WHERE o."deletedAt" IS DISTINCT FROM n."deletedAt"\073
  RETURN NULL\073
END';

CREATE FUNCTION live_bump_recon_runs() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM live_bump(array_agg("environmentId")) FROM changed\073
  RETURN NULL\073
END';

CREATE FUNCTION live_bump_recon_runs_updated() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM live_bump(array_agg(n."environmentId")) FROM added n JOIN removed o ON o."id" = n."id"
    WHERE o."finishedAt" IS DISTINCT FROM n."finishedAt" OR o."status" IS DISTINCT FROM n."status"\073
  RETURN NULL\073
END';

CREATE TRIGGER live_request_events_insert AFTER INSERT ON "request_events"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION live_bump_request_events();

CREATE TRIGGER live_system_users_insert AFTER INSERT ON "system_users"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION live_bump_system_users();

CREATE TRIGGER live_system_users_update AFTER UPDATE ON "system_users"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION live_bump_system_users_updated();

CREATE TRIGGER live_system_users_delete AFTER DELETE ON "system_users"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION live_bump_system_users();

CREATE TRIGGER live_recon_runs_insert AFTER INSERT ON "recon_runs"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION live_bump_recon_runs();

CREATE TRIGGER live_recon_runs_update AFTER UPDATE ON "recon_runs"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION live_bump_recon_runs_updated();
