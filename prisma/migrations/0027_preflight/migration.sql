-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "entityRegisterUrl" TEXT;

-- AlterTable
ALTER TABLE "systems" ADD COLUMN     "promotedFromId" UUID;

-- CreateTable
CREATE TABLE "entity_records" (
    "baseUrl" TEXT NOT NULL,
    "orgNo" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "name" TEXT,
    "orgForm" TEXT,
    "bankrupt" BOOLEAN NOT NULL DEFAULT false,
    "underLiquidation" BOOLEAN NOT NULL DEFAULT false,
    "deletedOn" TEXT,
    "checkedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entity_records_pkey" PRIMARY KEY ("baseUrl","orgNo")
);


-- Existing environments get the register their kind implies: Brønnøysund's open API for production, the
-- emulator (same base URL as its Altinn) for emulator environments, none for test (tt02's organisations
-- are synthetic and only Tenor knows them).
UPDATE "environments" SET "entityRegisterUrl" = 'https://data.brreg.no' WHERE "kind" = 'production';
UPDATE "environments" SET "entityRegisterUrl" = "altinnBaseUrl" WHERE "kind" = 'emulator';
