-- CreateEnum
CREATE TYPE "BulkJobStatus" AS ENUM ('draft', 'running', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "BulkRowStatus" AS ENUM ('pending', 'working', 'done', 'failed', 'cancelled', 'invalid');

-- CreateTable
CREATE TABLE "bulk_jobs" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" "BulkJobStatus" NOT NULL DEFAULT 'draft',
    "concurrency" INTEGER NOT NULL DEFAULT 8,
    "createdById" UUID,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "bulk_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_rows" (
    "id" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "orgNo" TEXT NOT NULL,
    "name" TEXT,
    "ref" TEXT,
    "customerId" UUID,
    "externalRef" TEXT,
    "status" "BulkRowStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMPTZ(3),
    "requestId" UUID,
    "existed" BOOLEAN,
    "errorCode" TEXT,
    "errorMessage" JSONB,
    "audited" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bulk_rows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bulk_jobs_environmentId_createdAt_idx" ON "bulk_jobs"("environmentId", "createdAt");

-- CreateIndex
CREATE INDEX "bulk_jobs_status_idx" ON "bulk_jobs"("status");

-- CreateIndex
CREATE INDEX "bulk_rows_jobId_status_nextAttemptAt_idx" ON "bulk_rows"("jobId", "status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "bulk_rows_jobId_line_key" ON "bulk_rows"("jobId", "line");

-- AddForeignKey
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_rows" ADD CONSTRAINT "bulk_rows_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "bulk_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

