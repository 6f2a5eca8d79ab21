-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "KeyState" ADD VALUE 'next';
ALTER TYPE "KeyState" ADD VALUE 'retiring';

ALTER TYPE "OutboundService" ADD VALUE 'digdir';

-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "confirmUrlHosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "digdirApiUrl" TEXT,
ADD COLUMN     "serviceOwnerTestUrl" TEXT,
ADD COLUMN     "systemUserScopes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "signing_keys" ADD COLUMN     "activatedAt" TIMESTAMP(3),
ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

