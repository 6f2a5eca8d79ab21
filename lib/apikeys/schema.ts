import { z } from "zod";
import { API_SCOPES, DEFAULT_API_SCOPES, type ApiScope } from "@/lib/auth/api-scopes";

export const ApiScopeSchema = z.enum(API_SCOPES as [ApiScope, ...ApiScope[]]);

/** Creating a key: from the settings form, the CLI and tests alike. */
export const CreateApiKeySchema = z.object({
  name: z.string().trim().min(1, "errors.required").max(80, "errors.tooLong"),
  scopes: z
    .array(ApiScopeSchema, { error: "apikeys.errors.scope" })
    .min(1, "apikeys.errors.noScope")
    .default(DEFAULT_API_SCOPES),
  /** Days until the key stops working; none means it works until revoked. */
  expiresInDays: z.number().int().min(1, "apikeys.errors.expiry").max(730, "apikeys.errors.expiry").optional(),
  /** Requests per minute; the default suits an ERP syncing its customers, a bulk importer may need more. */
  rateLimit: z.number().int().min(1).max(1_000_000).optional(),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeySchema>;
