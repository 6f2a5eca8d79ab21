-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "autoRenewExpired" BOOLEAN NOT NULL DEFAULT false;

