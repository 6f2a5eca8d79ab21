// For oidc.check.ts only: its users, through the data-layer calls `npm run user:create` and
// `npm run user:allow-sso-link` make, and an e-mail change as an admin would make it (no page for that
// yet). One process for the whole file, because each start costs seconds (tsx, the migration check):
//   node --conditions=react-server --import tsx security/oidc-users.ts --create a@x --create b@x
// prints "ready", then takes "allow <email>" and "rename <from> <to>" lines on stdin, answering "ok" (or
// "error …") to each.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { prepareRuntimeEnv } from "../scripts/lib/runtime-env";
import { withDatabase } from "../scripts/lib/with-database";

const { values } = parseArgs({
  options: { create: { type: "string", multiple: true, default: [] } },
});
prepareRuntimeEnv();
const database = await withDatabase();
const { db, closeDb } = await import("@/lib/core/db");
const { createUserWithOneTimePassword } = await import("@/lib/users/accounts");
const { allowOidcLink } = await import("@/lib/users/allow-link");
const { cliActor } = await import("@/lib/auth/actor");
try {
  for (const email of values.create) {
    await createUserWithOneTimePassword(
      { email, name: `SSO ${email}`, role: "auditor" },
      { type: "system", label: "cli" },
    );
  }
  console.log("ready");
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, a = "", b = ""] = line.trim().split(/\s+/);
    const run =
      command === "allow"
        ? allowOidcLink(cliActor("cli"), a)
        : command === "rename"
          ? db.user.update({ where: { email: a }, data: { email: b } })
          : Promise.reject(new Error(`unknown command ${command ?? ""}`));
    await run.then(
      () => console.log("ok"),
      (err: unknown) => console.log(`error ${String(err)}`),
    );
  }
} finally {
  await closeDb();
  await database.stop();
}
