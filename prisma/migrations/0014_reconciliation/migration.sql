-- CreateEnum
CREATE TYPE "ReconFindingKind" AS ENUM ('system_user_deleted', 'request_vanished', 'unknown_system_user');

-- CreateEnum
CREATE TYPE "ReconResolution" AS ENUM ('auto', 'fixed', 'adopted', 'ignored');

-- AlterEnum
ALTER TYPE "RequestEventKind" ADD VALUE 'system_user_deleted';

-- AlterTable
ALTER TABLE "system_users" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "recon_findings" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "kind" "ReconFindingKind" NOT NULL,
    "systemId" UUID NOT NULL,
    "orgNo" TEXT NOT NULL,
    "customerId" UUID,
    "altinnId" TEXT NOT NULL,
    "systemUserId" UUID,
    "requestId" UUID,
    "detail" JSONB,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedById" TEXT,
    "resolvedByLabel" TEXT,
    "resolution" "ReconResolution",

    CONSTRAINT "recon_findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recon_runs" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "triggeredBy" TEXT NOT NULL,
    "systems" INTEGER NOT NULL DEFAULT 0,
    "failedSystems" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error" TEXT,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "recon_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "recon_findings_environmentId_resolvedAt_idx" ON "recon_findings"("environmentId", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "recon_findings_environmentId_kind_altinnId_key" ON "recon_findings"("environmentId", "kind", "altinnId");

-- CreateIndex
CREATE INDEX "recon_runs_environmentId_startedAt_idx" ON "recon_runs"("environmentId", "startedAt");

-- CreateIndex
CREATE INDEX "system_user_requests_createdAt_id_idx" ON "system_user_requests"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "system_user_requests_status_createdAt_id_idx" ON "system_user_requests"("status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "system_user_requests_customerId_createdAt_id_idx" ON "system_user_requests"("customerId", "createdAt" DESC, "id" DESC);

