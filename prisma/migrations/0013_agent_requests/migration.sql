-- CreateEnum
CREATE TYPE "RequestKind" AS ENUM ('standard', 'agent');

-- CreateEnum
CREATE TYPE "ClientAssignJobStatus" AS ENUM ('running', 'paused', 'cancelled', 'done');

-- CreateEnum
CREATE TYPE "ClientAssignItemStatus" AS ENUM ('pending', 'done', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "idportenClientId" TEXT,
ADD COLUMN     "idportenIssuer" TEXT;

-- AlterTable
ALTER TABLE "system_user_requests" ADD COLUMN     "kind" "RequestKind" NOT NULL DEFAULT 'standard';

-- CreateTable
CREATE TABLE "client_assign_jobs" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "facilitatorOrgNo" TEXT NOT NULL,
    "agentSystemUserId" TEXT NOT NULL,
    "agentName" TEXT NOT NULL DEFAULT '',
    "status" "ClientAssignJobStatus" NOT NULL DEFAULT 'running',
    "pausedReason" TEXT,
    "tokenEnc" TEXT,
    "tokenExpiresAt" TIMESTAMP(3),
    "startedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "client_assign_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_assign_items" (
    "id" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientOrgNo" TEXT NOT NULL,
    "clientName" TEXT NOT NULL DEFAULT '',
    "status" "ClientAssignItemStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "client_assign_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "client_assign_jobs_status_idx" ON "client_assign_jobs"("status");

-- CreateIndex
CREATE INDEX "client_assign_jobs_environmentId_agentSystemUserId_idx" ON "client_assign_jobs"("environmentId", "agentSystemUserId");

-- CreateIndex
CREATE INDEX "client_assign_items_jobId_status_idx" ON "client_assign_items"("jobId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "client_assign_items_jobId_clientId_key" ON "client_assign_items"("jobId", "clientId");

-- AddForeignKey
ALTER TABLE "client_assign_items" ADD CONSTRAINT "client_assign_items_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "client_assign_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- At most one unfinished "assign all" per agent system user: a double click or two tabs get the same job.
-- (A partial index Prisma's schema language cannot express. The data layer catches the unique violation.)
CREATE UNIQUE INDEX "client_assign_jobs_one_open_per_agent" ON "client_assign_jobs"("environmentId", "agentSystemUserId") WHERE "status" IN ('running', 'paused');
