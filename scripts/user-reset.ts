// npm run user:reset -- --email ola@vendor.no
// A new one-time password (24 h) for an existing account, e.g. the first admin whose password expired
// unused, or the last admin locked out. Ends the account's sessions; audited as the command line.
import { parseArgs } from "node:util";
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

const { values } = parseArgs({ options: { email: { type: "string" } } });
if (!values.email) {
  console.error("Usage: npm run user:reset -- --email <email>");
  process.exit(2);
}

prepareRuntimeEnv();
const database = await withDatabase();
const { db, closeDb } = await import("@/lib/core/db");
const { cliActor } = await import("@/lib/auth/actor");
const { resetUserPassword } = await import("@/lib/users/admin");
try {
  const email = values.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) {
    console.error(`No account ${email}.`);
    process.exitCode = 1;
  } else {
    const { password, expiresAt } = await resetUserPassword(cliActor("cli"), user.id);
    console.log(`New one-time password for ${email} (valid until ${expiresAt.toISOString()}):`);
    console.log(`One-time password: ${password}`);
    console.log("It must be changed at first sign-in; every session of the account has ended.");
  }
} finally {
  await closeDb();
  await database.stop();
}
