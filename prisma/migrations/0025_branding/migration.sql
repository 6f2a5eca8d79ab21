-- Issue 16: branded customer pages. An environment's branding and a system's override, field by field, with the
-- logo's bytes kept here (served by the portal with its SHA-256 in the URL, ADR 025).
-- CreateTable
CREATE TABLE "environment_brandings" (
    "environmentId" UUID NOT NULL,
    "displayName" TEXT,
    "colour" TEXT,
    "supportEmail" TEXT,
    "supportPhone" TEXT,
    "supportUrl" TEXT,
    "logo" BYTEA,
    "logoType" TEXT,
    "logoHash" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "environment_brandings_pkey" PRIMARY KEY ("environmentId")
);

-- CreateTable
CREATE TABLE "system_brandings" (
    "systemId" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "displayName" TEXT,
    "colour" TEXT,
    "supportEmail" TEXT,
    "supportPhone" TEXT,
    "supportUrl" TEXT,
    "logo" BYTEA,
    "logoType" TEXT,
    "logoHash" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "system_brandings_pkey" PRIMARY KEY ("systemId")
);

-- CreateIndex
CREATE INDEX "system_brandings_environmentId_idx" ON "system_brandings"("environmentId");

-- AddForeignKey
ALTER TABLE "environment_brandings" ADD CONSTRAINT "environment_brandings_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_brandings" ADD CONSTRAINT "system_brandings_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

