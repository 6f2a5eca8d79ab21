import "server-only";
import { jobTokenAad } from "@/lib/clients/assign";
import { mailPasswordAad } from "@/lib/mail/aad";
import { webhookAad } from "@/lib/webhooks/sign";

/**
 * A database column that holds sealSecret envelopes, and how its writer builds the envelope's additional
 * data from the row. `npm run master-key:rotate` re-seals exactly these; sealed-columns.test.ts fails when
 * a module calls sealSecret and is not accounted for here or as a cookie.
 */
export type SealedColumn = {
  /** Table and column as PostgreSQL names them (constants: they are interpolated into SQL). */
  table: string;
  column: string;
  /** The row's columns the AAD is built from (read beside the envelope). */
  aadFrom: readonly string[];
  aad: (row: Record<string, string>) => string;
};

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  // lib/keys/key-store.ts: the kid binds a private key to its row.
  { table: "signing_keys", column: "privateKeyEnc", aadFrom: ["kid"], aad: (r) => r.kid ?? "" },
  // lib/webhooks/endpoints.ts and secrets.ts: both secrets of a rotation, bound to the endpoint.
  { table: "webhook_endpoints", column: "secretEnc", aadFrom: ["id"], aad: (r) => webhookAad(r.id ?? "") },
  { table: "webhook_endpoints", column: "previousSecretEnc", aadFrom: ["id"], aad: (r) => webhookAad(r.id ?? "") },
  // lib/clients/assign.ts: a person's Altinn token, kept while their "assign all" job can run.
  { table: "client_assign_jobs", column: "tokenEnc", aadFrom: ["id"], aad: (r) => jobTokenAad(r.id ?? "") },
  // lib/mail/settings.ts: an environment's SMTP password, bound to the environment.
  {
    table: "mail_settings",
    column: "passwordEnc",
    aadFrom: ["environmentId"],
    aad: (r) => mailPasswordAad(r.environmentId ?? ""),
  },
];

export const columnName = (c: SealedColumn) => `${c.table}.${c.column}`;
