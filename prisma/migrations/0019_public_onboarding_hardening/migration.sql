-- Issue 13, findings 7 and 12 (ADR 018). Every system's open onboarding page starts closed, existing ones
-- included: an admin opens it again on the system's page. Signed per-customer links are unaffected.

-- AlterTable
ALTER TABLE "systems" ADD COLUMN     "openOnboarding" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "public_starts" (
    "id" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "public_starts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "public_cap_hits" (
    "id" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "cap" INTEGER NOT NULL,

    CONSTRAINT "public_cap_hits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "public_starts_systemId_at_idx" ON "public_starts"("systemId", "at");

-- CreateIndex
CREATE INDEX "public_cap_hits_systemId_at_idx" ON "public_cap_hits"("systemId", "at");

-- CreateIndex
CREATE INDEX "public_cap_hits_at_idx" ON "public_cap_hits"("at");

-- AddForeignKey
ALTER TABLE "public_starts" ADD CONSTRAINT "public_starts_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "public_cap_hits" ADD CONSTRAINT "public_cap_hits_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

