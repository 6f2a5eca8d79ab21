-- AlterTable
ALTER TABLE "system_user_requests" ADD COLUMN     "checkCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextCheckAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "system_user_requests_nextCheckAt_idx" ON "system_user_requests"("nextCheckAt");


-- Requests already waiting are checked on the poller's first run.
UPDATE "system_user_requests" SET "nextCheckAt" = CURRENT_TIMESTAMP WHERE "status" = 'New';
