-- Issue 14, the dashboard (ADR 021). Its numbers come from small rollups that triggers keep in the writing
-- statement's own transaction, so every writer counts (Prisma, the bulk runner's SQL, a backfill) and the
-- dashboard reads a few rows per system and day, week or hour, however many requests and calls there are.
--
-- The migration runner splits scripts at every semicolon, even inside quotes: SQL functions are single
-- statements in dollar quotes, and the two-line plpgsql trigger bodies write each semicolon as \073 in an
-- E'' string. Nothing else in this file may contain one, comments included.

-- AlterTable
ALTER TABLE "system_user_requests" ADD COLUMN     "acceptedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "request_day_counts" (
    "systemId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "status" "RequestStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "request_day_counts_pkey" PRIMARY KEY ("systemId","day","status")
);

-- CreateTable
CREATE TABLE "request_approval_weeks" (
    "systemId" UUID NOT NULL,
    "week" DATE NOT NULL,
    "hist" INTEGER[],

    CONSTRAINT "request_approval_weeks_pkey" PRIMARY KEY ("systemId","week")
);

-- CreateTable
CREATE TABLE "outbound_call_hours" (
    "environmentId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "service" "OutboundService" NOT NULL,
    "method" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "hist" INTEGER[],

    CONSTRAINT "outbound_call_hours_pkey" PRIMARY KEY ("environmentId","hour","service","method","endpoint")
);

-- Backfill: when the portal saw the approval, from the timeline (the column is filled by sync.ts from now on).
UPDATE "system_user_requests" r SET "acceptedAt" = (
  SELECT min(e."at") AT TIME ZONE 'UTC' FROM "request_events" e WHERE e."requestId" = r."id" AND e."kind" = 'accepted'
) WHERE r."status" = 'Accepted';

-- The histogram bucket of a value (seconds or milliseconds): 0 holds up to 1, bucket i holds (1.1^(i-1), 1.1^i],
-- the last (159, about 44 days in seconds) everything above. lib/dashboard/sketch.ts reads them back.
CREATE FUNCTION rollup_bucket(x double precision) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN x IS NULL OR x <= 1 THEN 0 ELSE least(159, ceil(ln(x) / ln(1.1))::integer) END
$$;

-- A 160-bucket histogram from (bucket, count) pairs. Counts may be negative: a row that changed leaves its old bucket.
CREATE FUNCTION rollup_hist(integer[], integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(coalesce(x.n, 0) ORDER BY i) FROM generate_series(0, 159) AS i
  LEFT JOIN (SELECT u.b, sum(u.n)::integer AS n FROM unnest($1, $2) AS u(b, n) GROUP BY u.b) x ON x.b = i
$$;

-- Two histograms added bucket by bucket (a NULL one counts as empty). Readers add theirs in TypeScript: cheaper
-- than calling this once per row.
CREATE FUNCTION rollup_hist_add(integer[], integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest($1, $2) WITH ORDINALITY AS u(x, y, i)
$$;

-- Where a call went, without what identifies a customer or a request: no query, and every path segment with a
-- digit in it (ids, org numbers, system ids) becomes {id}, except the API version (v1).
CREATE FUNCTION outbound_endpoint(path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(split_part(path, '?', 1), '/(?!v[0-9]+(/|$))[^/]*[0-9][^/]*', '/{id}', 'g')
$$;

-- Requests leaving (delta -1) and entering (+1) the rollups: by day created and status, and, when accepted with
-- a known time, by week of acceptance and time to approval. Rows are locked in key order, so two statements
-- never wait on each other in a circle, and a change that moves nothing (a poll updating lastCheckedAt) writes nothing.
CREATE FUNCTION request_rollup_apply(uuid[], timestamp[], "RequestStatus"[], timestamp[], integer[])
RETURNS void LANGUAGE sql AS $$
  WITH c AS (SELECT * FROM unnest($1, $2, $3, $4, $5) AS c(s, created, status, accepted, d)),
  days AS (
    INSERT INTO "request_day_counts" AS t ("systemId", "day", "status", "count")
    SELECT s, created::date, status, sum(d)::integer FROM c GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("systemId", "day", "status") DO UPDATE SET "count" = t."count" + EXCLUDED."count"
    RETURNING 1
  )
  INSERT INTO "request_approval_weeks" AS t ("systemId", "week", "hist")
  SELECT s, week, rollup_hist(array_agg(b), array_agg(n)) FROM (
    SELECT s, date_trunc('week', accepted)::date AS week,
      rollup_bucket(extract(epoch FROM accepted - created)::double precision) AS b, sum(d)::integer AS n
    FROM c WHERE status = 'Accepted' AND accepted IS NOT NULL GROUP BY 1, 2, 3 HAVING sum(d) <> 0
  ) x
  GROUP BY s, week ORDER BY s, week
  ON CONFLICT ("systemId", "week") DO UPDATE SET "hist" = rollup_hist_add(t."hist", EXCLUDED."hist")
$$;

CREATE FUNCTION outbound_call_rollup_apply(uuid[], timestamptz[], "OutboundService"[], text[], text[], integer[], integer[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO "outbound_call_hours" AS t ("environmentId", "hour", "service", "method", "endpoint", "calls", "errors", "hist")
  SELECT e, h, s, m, ep, sum(n)::integer, sum(errs)::integer, rollup_hist(array_agg(b), array_agg(n)) FROM (
    SELECT e, date_trunc('hour', a, 'UTC') AS h, s, m, outbound_endpoint(p) AS ep, rollup_bucket(ms) AS b,
      count(*)::integer AS n, (count(*) FILTER (WHERE st IS NULL OR st >= 400))::integer AS errs
    FROM unnest($1, $2, $3, $4, $5, $6, $7) AS c(e, a, s, m, p, st, ms) GROUP BY 1, 2, 3, 4, 5, 6
  ) x
  GROUP BY e, h, s, m, ep ORDER BY e, h, s, m, ep
  ON CONFLICT ("environmentId", "hour", "service", "method", "endpoint") DO UPDATE
    SET "calls" = t."calls" + EXCLUDED."calls", "errors" = t."errors" + EXCLUDED."errors",
        "hist" = rollup_hist_add(t."hist", EXCLUDED."hist")
$$;

-- Backfill: every request, and the calls of the last two days (the dashboard shows 24 hours).
SELECT request_rollup_apply(array_agg("systemId"), array_agg("createdAt"), array_agg("status"), array_agg("acceptedAt"),
  array_agg(1)) FROM "system_user_requests";

SELECT outbound_call_rollup_apply(array_agg("environmentId"), array_agg("at"), array_agg("service"), array_agg("method"),
  array_agg("path"), array_agg("status"), array_agg("durationMs"))
FROM "outbound_calls" WHERE "at" >= now() - interval '2 days';

-- Statement-level triggers with transition tables: a bulk insert of 100,000 rows is one call, not 100,000.
CREATE FUNCTION request_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM request_rollup_apply(array_agg("systemId"), array_agg("createdAt"), array_agg(status), array_agg("acceptedAt"), array_agg(1)) FROM added\073
  RETURN NULL\073
END';

CREATE FUNCTION request_rollup_updated() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM request_rollup_apply(array_agg(s), array_agg(c), array_agg(st), array_agg(a), array_agg(d)) FROM (
    SELECT "systemId" AS s, "createdAt" AS c, status AS st, "acceptedAt" AS a, -1 AS d FROM removed
    UNION ALL SELECT "systemId", "createdAt", status, "acceptedAt", 1 FROM added) x\073
  RETURN NULL\073
END';

CREATE FUNCTION request_rollup_deleted() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM request_rollup_apply(array_agg("systemId"), array_agg("createdAt"), array_agg(status), array_agg("acceptedAt"), array_agg(-1)) FROM removed\073
  RETURN NULL\073
END';

CREATE FUNCTION outbound_call_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM outbound_call_rollup_apply(array_agg("environmentId"), array_agg("at"), array_agg(service), array_agg(method), array_agg(path), array_agg(status), array_agg("durationMs")) FROM added\073
  RETURN NULL\073
END';

CREATE TRIGGER request_rollup_insert AFTER INSERT ON "system_user_requests"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION request_rollup_inserted();

CREATE TRIGGER request_rollup_update AFTER UPDATE ON "system_user_requests"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION request_rollup_updated();

CREATE TRIGGER request_rollup_delete AFTER DELETE ON "system_user_requests"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION request_rollup_deleted();

CREATE TRIGGER outbound_call_rollup_insert AFTER INSERT ON "outbound_calls"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION outbound_call_rollup_inserted();
