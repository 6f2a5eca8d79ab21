-- Customers get notes, tags and their own externalRef, and requests get a timeline the portal keeps.

-- CreateEnum
CREATE TYPE "RequestEventKind" AS ENUM ('created', 'accepted', 'rejected', 'escalated', 'expired', 'deleted', 'renewed');

-- AlterTable: existing customers keep the org number as externalRef, which is what their requests
-- and system users were created with, so system-user tokens for them still resolve.
ALTER TABLE "customers" ADD COLUMN     "externalRef" TEXT,
ADD COLUMN     "notes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

UPDATE "customers" SET "externalRef" = "orgNo" WHERE "externalRef" IS NULL;

ALTER TABLE "customers" ALTER COLUMN "externalRef" SET NOT NULL;

-- CreateTable
CREATE TABLE "request_events" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" "RequestEventKind" NOT NULL,
    "detail" JSONB,

    CONSTRAINT "request_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "request_events_requestId_at_idx" ON "request_events"("requestId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "customers_environmentId_externalRef_key" ON "customers"("environmentId", "externalRef");

-- AddForeignKey
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "system_user_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every existing request starts its timeline with "created", plus its last known outcome.
INSERT INTO "request_events" ("id", "requestId", "at", "kind", "detail")
SELECT gen_random_uuid(), "id", "createdAt", 'created', jsonb_build_object('backfilled', true) FROM "system_user_requests";

INSERT INTO "request_events" ("id", "requestId", "at", "kind", "detail")
SELECT gen_random_uuid(), "id", "updatedAt", CASE WHEN "status" = 'Accepted' THEN 'accepted'::"RequestEventKind" ELSE 'rejected'::"RequestEventKind" END, jsonb_build_object('backfilled', true, 'status', "status")
FROM "system_user_requests" WHERE "status" IN ('Accepted', 'Rejected', 'Denied');
