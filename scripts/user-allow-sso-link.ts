// npm run user:allow-sso-link -- --email ola@vendor.no
// Lets Ola's next single sign-on bind its identity to this account, once: the provider must assert the
// same e-mail as verified (ADR 017). After that the identity signs in by issuer + subject alone.
import { parseArgs } from "node:util";
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

const { values } = parseArgs({ options: { email: { type: "string" } } });
if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) {
  console.error("Usage: npm run user:allow-sso-link -- --email <email>");
  process.exit(2);
}

prepareRuntimeEnv();
const database = await withDatabase();
const { allowOidcLink } = await import("@/lib/users/allow-link");
const { cliActor } = await import("@/lib/auth/actor");
const { AppError } = await import("@/lib/core/errors");
const { closeDb } = await import("@/lib/core/db");
try {
  const user = await allowOidcLink(cliActor("cli"), values.email);
  console.log(`${user.email} may now link a single sign-on identity (once, with a verified e-mail).`);
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(err.userMessage.en);
  process.exitCode = 1;
} finally {
  await closeDb();
  await database.stop();
}
