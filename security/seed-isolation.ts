// Run by isolation.check.ts against the security portal's data dir (as e2e's createUser runs user:create):
// a second environment "B" holding one of everything an id can name, a webhook endpoint in Local ("A"),
// and an API key of each. Prints the ids as JSON on its last line. Test data only, through the data layer.
import { randomBytes, randomUUID } from "node:crypto";
import { prepareRuntimeEnv } from "../scripts/lib/runtime-env";
import { withDatabase } from "../scripts/lib/with-database";

const ORG_B = process.argv[2] ?? "";
const emulator = (path: string, body: unknown) =>
  fetch(`${process.env.EMULATOR_URL}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => {
    if (!r.ok) throw new Error(`emulator ${path}: ${r.status}`);
  });

prepareRuntimeEnv();
const database = await withDatabase();
const { db, closeDb } = await import("@/lib/core/db");
const { cliActor } = await import("@/lib/auth/actor");
const { LOCAL_ENVIRONMENT, DIGDIR_WRITE_SCOPE } = await import("@/lib/environments/local");
const { loadEnvironmentById, loadEnvironmentBySlug } = await import("@/lib/environments/queries");
const { generateSigningKey } = await import("@/lib/keys/create");
const { listKeys } = await import("@/lib/keys/queries");
const { createSystem } = await import("@/lib/systems/create");
const { createRequest } = await import("@/lib/requests/create");
const { createWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
const { sendWebhookTestEvent } = await import("@/lib/webhooks/test-event");
const { previewBulkUpload } = await import("@/lib/bulk/jobs");
const { createApiKeyFromCli } = await import("@/lib/apikeys/write");
try {
  const actor = cliActor("security-seed");
  const a = await loadEnvironmentBySlug(LOCAL_ENVIRONMENT.slug);
  const clientId = randomUUID();
  const suffix = randomBytes(3).toString("hex");
  const row = await db.environment.create({
    data: {
      slug: `iso-b-${suffix}`,
      name: `Isolation B ${suffix}`,
      kind: "emulator",
      vendorOrgNo: a.vendorOrgNo,
      clientId,
      scopes: a.scopes,
      maskinportenIssuer: a.maskinportenIssuer,
      maskinportenTokenUrl: a.maskinportenTokenUrl,
      altinnBaseUrl: a.altinnBaseUrl,
      confirmUrlHosts: a.confirmUrlHosts,
      digdirApiUrl: a.digdirApiUrl,
    },
    select: { id: true },
  });
  const b = await loadEnvironmentById(row.id);
  const inA = { actor, environment: a };
  const inB = { actor, environment: b };
  // Each environment a signing key its Maskinporten client knows (as `npm run demo` does for Local).
  for (const scope of [inA, inB]) {
    const keys = await listKeys(scope);
    if (!keys.some((k) => k.state === "active")) await generateSigningKey(scope);
    await emulator("/emulator/maskinporten/clients", {
      client_id: scope.environment.clientId,
      org_no: LOCAL_ENVIRONMENT.vendorOrgNo,
      scopes: [...LOCAL_ENVIRONMENT.scopes, DIGDIR_WRITE_SCOPE],
      jwks: { keys: (await listKeys(scope)).map((k) => k.publicJwk) },
    });
  }
  await emulator("/emulator/parties", { organisations: [{ orgNo: ORG_B, name: "Isolasjon B AS" }] });
  const system = await createSystem(inB, {
    name: `iso-${suffix}`,
    nameNb: "Isolasjon",
    nameNn: "Isolasjon",
    nameEn: "Isolation",
    descriptionNb: "B",
    descriptionNn: "B",
    descriptionEn: "B",
    accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
    redirectUrl: `${process.env.PORTAL_URL}/onboard/callback`,
    clientIds: [],
    isVisible: false,
  });
  // Open in B, so B's own page shows it: what must not show through A's slug.
  await db.system.update({ where: { id: system.id }, data: { openOnboarding: true } });
  const request = await createRequest(inB, { systemId: system.id, orgNo: ORG_B, kind: "standard" });
  const customer = await db.customer.findUniqueOrThrow({
    where: { environmentId_orgNo: { environmentId: b.id, orgNo: ORG_B } },
  });
  const endpoint = await createWebhookEndpoint(inB, { url: "http://127.0.0.1:9/b", description: "B", events: [] });
  const { deliveryId } = await sendWebhookTestEvent(inB, endpoint.id);
  const bulk = await previewBulkUpload(
    inB,
    { systemId: system.id, fileName: "b.csv" },
    new TextEncoder().encode(`orgnr\n${ORG_B}\n`),
  );
  const systemA = await createSystem(inA, {
    name: `iso-a-${suffix}`,
    nameNb: "Isolasjon A",
    nameNn: "Isolasjon A",
    nameEn: "Isolation A",
    descriptionNb: "A",
    descriptionNn: "A",
    descriptionEn: "A",
    accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
    redirectUrl: `${process.env.PORTAL_URL}/onboard/callback`,
    clientIds: [],
    isVisible: false,
  });
  const endpointA = await createWebhookEndpoint(inA, { url: "http://127.0.0.1:9/a", description: "A", events: [] });
  const scopes = ["systems:read", "customers:read", "requests:read", "requests:write", "webhooks:write"] as const;
  const keyA = await createApiKeyFromCli(a, { name: `iso-a-${suffix}`, scopes: [...scopes] });
  const keyB = await createApiKeyFromCli(b, { name: `iso-b-${suffix}`, scopes: [...scopes] });
  console.log(
    JSON.stringify({
      slugA: a.slug,
      slugB: b.slug,
      system: system.id,
      altinnSystemB: system.systemId,
      altinnSystemA: systemA.systemId,
      customer: customer.id,
      request: request.id,
      endpoint: endpoint.id,
      delivery: deliveryId,
      bulkJob: bulk.id,
      endpointA: endpointA.id,
      keyA: keyA.secret,
      keyB: keyB.secret,
    }),
  );
} finally {
  // The test event and the request kicked queues, which started pg-boss here: stop it before the pool.
  await (await import("@/lib/core/jobs/boss")).stopBoss();
  await closeDb();
  await database.stop();
}
