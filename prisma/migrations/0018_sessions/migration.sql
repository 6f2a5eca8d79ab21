-- oidcLinkAllowed is also added by the OIDC identity-linking work: IF NOT EXISTS lets either migration come first.
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "lastSignInAt" TIMESTAMP(3),
ADD COLUMN IF NOT EXISTS "oidcLinkAllowed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "oneTimePasswordExpiresAt" TIMESTAMP(3),
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

