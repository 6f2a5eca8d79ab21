-- Separate from 0004: PostgreSQL refuses to use an enum value in the transaction that added it.

-- Keys from before rotation existed: the newest active key keeps signing, older active ones retire
-- gracefully (still registered at Digdir until an admin retires them).
UPDATE "signing_keys" SET "activatedAt" = "createdAt", "verifiedAt" = "lastUsedAt" WHERE "state" = 'active';
UPDATE "signing_keys" k SET "state" = 'retiring'
WHERE k."state" = 'active' AND EXISTS (
  SELECT 1 FROM "signing_keys" n
  WHERE n."environmentId" = k."environmentId" AND n."state" = 'active' AND n."createdAt" > k."createdAt"
);

-- Exactly one key signs per environment, even with several portal processes racing an activation.
CREATE UNIQUE INDEX "signing_keys_one_active" ON "signing_keys" ("environmentId") WHERE "state" = 'active';

-- The local emulator's confirm pages live on its own host.
UPDATE "environments" SET "confirmUrlHosts" = ARRAY[substring("altinnBaseUrl" from '^https?://([^/?#]+)')]
WHERE "kind" = 'emulator' AND cardinality("confirmUrlHosts") = 0;
