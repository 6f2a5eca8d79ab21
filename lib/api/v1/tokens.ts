import { defineOperation, ok } from "@/lib/api/operation";
import { issueSystemUserToken, TokenRequestSchema, TokenSchema } from "@/lib/tokens/broker";

export const issueTokenOp = defineOperation({
  method: "POST",
  path: "/tokens",
  operationId: "issueToken",
  summary: "Get a system-user token for a customer",
  description:
    "A Maskinporten system-user token for the customer's system user of the system (or, with `altinn: true`, the Altinn token it exchanges for), from the portal's token cache: the Maskinporten key never leaves the portal. Never store or log the token; ask again when `expiresIn` runs low. A customer without an accepted system user gets the problem `no_system_user` with the token doctor's `diagnosis`.",
  tag: "Tokens",
  scope: "tokens:issue",
  body: TokenRequestSchema,
  response: { status: 200, description: "The token.", schema: TokenSchema },
  problems: [404, 409, 502],
  async handle({ body }, { scope }) {
    // no-store: a token must not sit in any cache between here and the caller.
    return ok(await issueSystemUserToken(scope, body), { "cache-control": "no-store" });
  },
});
