-- AlterTable
ALTER TABLE "systems" ADD COLUMN     "altinnSnapshot" JSONB,
ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "rights" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "syncedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "change_requests" (
    "id" UUID NOT NULL,
    "systemUserId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "confirmUrl" TEXT,
    "requiredAccessPackages" TEXT[],
    "unwantedAccessPackages" TEXT[],
    "requiredRights" TEXT[],
    "unwantedRights" TEXT[],
    "createdById" UUID,
    "lastCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "change_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "change_requests_systemUserId_createdAt_idx" ON "change_requests"("systemUserId", "createdAt");

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_systemUserId_fkey" FOREIGN KEY ("systemUserId") REFERENCES "system_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

