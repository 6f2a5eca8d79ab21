-- CreateEnum
CREATE TYPE "OutboundService" AS ENUM ('maskinporten', 'altinn');

-- CreateTable
CREATE TABLE "outbound_calls" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "environmentId" UUID NOT NULL,
    "service" "OutboundService" NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "problemCode" TEXT,
    "traceId" TEXT,
    "correlationId" UUID NOT NULL,
    "triggeredBy" TEXT NOT NULL,

    CONSTRAINT "outbound_calls_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "outbound_calls_environmentId_at_idx" ON "outbound_calls"("environmentId", "at");

-- CreateIndex
CREATE INDEX "outbound_calls_problemCode_idx" ON "outbound_calls"("problemCode");

