// npm run apikey:create -- --env <slug> --name <name> [--scopes a,b] [--expires-days N] [--rate-limit N]
// Prints the key alone on its last line, so `KEY=$(npm run -s apikey:create -- … | tail -1)` works.
import { parseArgs } from "node:util";
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    name: { type: "string" },
    scopes: { type: "string" },
    "expires-days": { type: "string" },
    "rate-limit": { type: "string" },
  },
});
if (!values.env || !values.name) {
  console.error(
    "Usage: npm run apikey:create -- --env <slug> --name <name> [--scopes systems:read,requests:write,…] [--expires-days N] [--rate-limit N]",
  );
  process.exit(2);
}

prepareRuntimeEnv();
const database = await withDatabase();
const { loadEnvironmentBySlug } = await import("@/lib/environments/queries");
const { createApiKeyFromCli } = await import("@/lib/apikeys/write");
const { API_SCOPES } = await import("@/lib/auth/api-scopes");
const { AppError } = await import("@/lib/core/errors");
const { closeDb } = await import("@/lib/core/db");
const { z } = await import("zod");
const t = (await import("@/lib/i18n")).translator("en");
try {
  const environment = await loadEnvironmentBySlug(values.env);
  const key = await createApiKeyFromCli(environment, {
    name: values.name,
    scopes: values.scopes?.split(",").map((s) => s.trim()) as never,
    expiresInDays: values["expires-days"] ? Number(values["expires-days"]) : undefined,
    rateLimit: values["rate-limit"] ? Number(values["rate-limit"]) : undefined,
  });
  console.log(
    `Created API key "${key.name}" (${key.prefix}…) in ${environment.slug} with scopes ${key.scopes.join(", ")}.`,
  );
  console.log("Store it now; it is shown only once:");
  console.log(key.secret);
} catch (err) {
  if (err instanceof AppError) console.error(err.userMessage.en);
  else if (err instanceof z.ZodError)
    console.error(
      err.issues.map((i) => `${i.path.join(".")}: ${t(i.message)}`).join("\n") +
        `\nKnown scopes: ${API_SCOPES.join(", ")}`,
    );
  else throw err;
  process.exitCode = 1;
} finally {
  await closeDb();
  await database.stop();
}
