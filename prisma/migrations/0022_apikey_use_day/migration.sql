-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "lastRefusedDay" DATE,
ADD COLUMN     "lastUseDay" DATE;

