-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('pending', 'working', 'sent', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "mail_settings" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "tlsMode" TEXT NOT NULL,
    "username" TEXT,
    "passwordEnc" TEXT,
    "fromAddress" TEXT NOT NULL,
    "fromName" TEXT NOT NULL,
    "replyTo" TEXT,
    "reminderOffsets" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mail_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_mail_contacts" (
    "customerId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'nb',
    "remindersStoppedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customer_mail_contacts_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "mail_invitations" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "linkUrl" TEXT NOT NULL,
    "linkExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_messages" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "customerId" UUID,
    "invitationId" UUID,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "qrLink" TEXT,
    "dedupeKey" TEXT,
    "status" "MailStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "messageId" TEXT,
    "triggeredBy" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mail_settings_environmentId_key" ON "mail_settings"("environmentId");

-- CreateIndex
CREATE INDEX "mail_invitations_environmentId_idx" ON "mail_invitations"("environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "mail_invitations_customerId_systemId_key" ON "mail_invitations"("customerId", "systemId");

-- CreateIndex
CREATE UNIQUE INDEX "mail_messages_dedupeKey_key" ON "mail_messages"("dedupeKey");

-- CreateIndex
CREATE INDEX "mail_messages_status_nextAttemptAt_idx" ON "mail_messages"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "mail_messages_environmentId_createdAt_idx" ON "mail_messages"("environmentId", "createdAt");

-- AddForeignKey
ALTER TABLE "mail_settings" ADD CONSTRAINT "mail_settings_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_mail_contacts" ADD CONSTRAINT "customer_mail_contacts_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

