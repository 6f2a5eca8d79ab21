// npm run demo -- --env local
// Makes the Local emulator environment ready for trying the API in one step: an active signing key the
// emulator's Maskinporten knows, and a demo system with one standard access package. Safe to run again:
// it only adds what is missing. Prints the demo system's id alone on its last line.
import { parseArgs } from "node:util";
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";
import { registerDemoClient } from "./lib/emulator-client";

const { values } = parseArgs({ options: { env: { type: "string", default: "local" } } });
const DEMO_PACKAGE = "urn:altinn:accesspackage:skattegrunnlag";

prepareRuntimeEnv();
const database = await withDatabase();
const { ensureLocalEnvironment, publicJwksFor } = await import("@/lib/environments/bootstrap");
const { loadEnvironmentBySlug } = await import("@/lib/environments/queries");
const { cliActor } = await import("@/lib/auth/actor");
const { db, closeDb } = await import("@/lib/core/db");
const { env } = await import("@/lib/core/env");
const { AppError } = await import("@/lib/core/errors");
const { generateSigningKey } = await import("@/lib/keys/create");
const { verifySigningKey } = await import("@/lib/keys/rotation");
const { createSystem } = await import("@/lib/systems/create");
try {
  if (values.env === "local") await ensureLocalEnvironment();
  const environment = await loadEnvironmentBySlug(values.env);
  if (environment.kind !== "emulator") {
    throw new Error(`${environment.slug} is not an emulator environment; the demo only prepares the emulator.`);
  }
  const scope = { actor: cliActor("demo"), environment };
  const emulatorUrl = environment.altinnBaseUrl;
  if (
    !(await fetch(`${emulatorUrl}/emulator/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    throw new Error(`The emulator does not answer at ${emulatorUrl}. Start the portal first: npm start`);
  }

  let key = await db.signingKey.findFirst({ where: { environmentId: environment.id, state: "active" } });
  if (!key) {
    const made = await generateSigningKey(scope);
    key = await db.signingKey.findFirstOrThrow({ where: { kid: made.kid } });
    console.log(`Generated signing key ${key.kid}.`);
  }
  // Stands in for the vendor's Digdir onboarding, as npm start does: the client gets our public keys.
  await registerDemoClient(emulatorUrl, await publicJwksFor(environment.id));
  await verifySigningKey(scope, key.id);
  console.log(`Signing key ${key.kid} is active and known to the emulator's Maskinporten.`);

  const systemId = `${environment.vendorOrgNo}_demo`;
  let system = await db.system.findFirst({
    where: { environmentId: environment.id, systemId, deletedAt: null },
    select: { id: true, clientIds: true },
  });
  if (!system) {
    // Maskinporten picks the system from the client id, and Altinn lets one system hold a client: the
    // demo system takes it only when no other system has it, so tokens work for it out of the box.
    const holder = await db.system.findFirst({
      where: { environmentId: environment.id, deletedAt: null, clientIds: { has: environment.clientId } },
      select: { systemId: true },
    });
    const created = await createSystem(scope, {
      name: "demo",
      nameNb: "Demosystem",
      nameNn: "Demosystem",
      nameEn: "Demo system",
      descriptionNb: "Et system for å prøve portalens API.",
      descriptionNn: "Eit system for å prøve API-et til portalen.",
      descriptionEn: "A system for trying the portal's API.",
      accessPackages: [DEMO_PACKAGE],
      redirectUrl: `${env().PORTAL_URL.replace(/\/$/, "")}/onboard/callback`,
      clientIds: holder ? [] : [environment.clientId],
      isVisible: false,
    });
    system = { id: created.id, clientIds: holder ? [] : [environment.clientId] };
    console.log(`Registered the demo system ${systemId} with ${DEMO_PACKAGE}.`);
    if (holder)
      console.log(`Note: ${holder.systemId} holds the client ${environment.clientId}; tokens name that system.`);
  } else {
    console.log(`The demo system ${systemId} exists.`);
  }
  console.log(system.id);
} catch (err) {
  console.error(err instanceof AppError ? err.userMessage.en : err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await closeDb();
  await database.stop();
}
