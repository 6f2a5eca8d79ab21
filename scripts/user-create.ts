// npm run user:create -- --email ola@vendor.no --role operator [--name "Ola Nordmann"]
import { parseArgs } from "node:util";
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
});
const roles = ["admin", "operator", "auditor"] as const;
const role = roles.find((r) => r === values.role);
if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email) || !role) {
  console.error("Usage: npm run user:create -- --email <email> --role <admin|operator|auditor> [--name <name>]");
  process.exit(2);
}

prepareRuntimeEnv();
const database = await withDatabase();
const { createUserWithOneTimePassword } = await import("@/lib/users/accounts");
const { AppError } = await import("@/lib/core/errors");
const { closeDb } = await import("@/lib/core/db");
try {
  const { user, password } = await createUserWithOneTimePassword(
    { email: values.email, name: values.name ?? values.email, role },
    { type: "system", label: "cli" },
  );
  console.log(`Created ${user.email} (${user.role}).`);
  console.log(`One-time password: ${password}`);
  console.log("It must be changed at first sign-in, within 24 hours (then: npm run user:reset -- --email <email>).");
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(err.userMessage.en);
  process.exitCode = 1;
} finally {
  await closeDb();
  await database.stop();
}
