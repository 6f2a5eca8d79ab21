-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'operator', 'auditor');

-- CreateEnum
CREATE TYPE "EnvironmentKind" AS ENUM ('emulator', 'test', 'production');

-- CreateEnum
CREATE TYPE "KeyState" AS ENUM ('active', 'retired');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('New', 'Accepted', 'Rejected', 'Denied', 'Timedout');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('user', 'customer', 'system');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('success', 'failure');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "environments" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "EnvironmentKind" NOT NULL,
    "vendorOrgNo" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "scopes" TEXT[],
    "maskinportenIssuer" TEXT NOT NULL,
    "maskinportenTokenUrl" TEXT NOT NULL,
    "altinnBaseUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "environments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signing_keys" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "privateKeyEnc" TEXT NOT NULL,
    "state" "KeyState" NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "createdById" UUID,

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "systems" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "systemId" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "accessPackages" TEXT[],
    "clientIds" TEXT[],
    "redirectUrls" TEXT[],
    "isVisible" BOOLEAN NOT NULL DEFAULT false,
    "altinnInternalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "systems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "orgNo" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_user_requests" (
    "id" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "altinnRequestId" TEXT NOT NULL,
    "externalRef" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL,
    "confirmUrl" TEXT NOT NULL,
    "redirectUrl" TEXT,
    "accessPackages" TEXT[],
    "createdById" UUID,
    "createdVia" TEXT NOT NULL,
    "lastCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "system_user_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_users" (
    "id" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "requestId" UUID,
    "altinnSystemUserId" TEXT NOT NULL,
    "externalRef" TEXT NOT NULL,
    "userType" TEXT NOT NULL,
    "altinnCreatedAt" TIMESTAMP(3),
    "discoveredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "detail" JSONB,
    "environmentId" UUID,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "environments_slug_key" ON "environments"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "signing_keys_kid_key" ON "signing_keys"("kid");

-- CreateIndex
CREATE INDEX "signing_keys_environmentId_state_idx" ON "signing_keys"("environmentId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "systems_environmentId_systemId_key" ON "systems"("environmentId", "systemId");

-- CreateIndex
CREATE UNIQUE INDEX "customers_environmentId_orgNo_key" ON "customers"("environmentId", "orgNo");

-- CreateIndex
CREATE UNIQUE INDEX "system_user_requests_altinnRequestId_key" ON "system_user_requests"("altinnRequestId");

-- CreateIndex
CREATE INDEX "system_user_requests_systemId_customerId_idx" ON "system_user_requests"("systemId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "system_users_requestId_key" ON "system_users"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "system_users_altinnSystemUserId_key" ON "system_users"("altinnSystemUserId");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- AddForeignKey
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "systems" ADD CONSTRAINT "systems_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_user_requests" ADD CONSTRAINT "system_user_requests_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_user_requests" ADD CONSTRAINT "system_user_requests_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_users" ADD CONSTRAINT "system_users_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_users" ADD CONSTRAINT "system_users_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_users" ADD CONSTRAINT "system_users_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "system_user_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Audit events are append-only: UPDATE and DELETE through any connection change nothing.
-- (Rules, not a plpgsql trigger: the driver-adapter migration runner splits scripts at every
-- semicolon, which breaks function bodies.)
CREATE RULE audit_events_no_update AS ON UPDATE TO "audit_events" DO INSTEAD NOTHING;

CREATE RULE audit_events_no_delete AS ON DELETE TO "audit_events" DO INSTEAD NOTHING;
