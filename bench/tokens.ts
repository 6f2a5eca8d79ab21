// npm run bench — token single-flight: N concurrent Altinn calls that need the same token should
// cost one Maskinporten grant. Counts come from the emulator's /emulator/stats, not from timing.
import { startPglite } from "../test/databases";
import { startPortal } from "../test/portal";

// Two waves of 500 concurrent calls: the first races for a cold cache, the second finds it warm.
const WAVE = 500;
const WAVES = 2;
const CALLS = WAVE * WAVES;

async function tokenGrants(emulatorUrl: string): Promise<number> {
  const stats = (await (await fetch(`${emulatorUrl}/emulator/stats`)).json()) as { tokenGrants: number };
  return stats.tokenGrants;
}

const database = await startPglite();
const portal = await startPortal(database.url);
try {
  const { callAltinn } = await import("@/lib/integrations/altinn/http");
  const environment = await portal.m.environments.loadEnvironmentById(portal.environmentId);
  portal.m.tokens.clearTokenCache();
  const before = await tokenGrants(portal.emulatorUrl);
  const started = performance.now();
  const results: PromiseSettledResult<unknown>[] = [];
  for (let wave = 0; wave < WAVES; wave++) {
    results.push(
      ...(await Promise.allSettled(
        Array.from({ length: WAVE }, () =>
          callAltinn(portal.m.connect(environment), { method: "GET", path: "/systemregister/vendor" }),
        ),
      )),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const grants = (await tokenGrants(portal.emulatorUrl)) - before;
  const failed = results.filter((r) => r.status === "rejected").length;
  console.log(`token grants per 1000 calls: ${(grants * 1000) / CALLS}`);
  console.log(
    `  ${WAVES} waves of ${WAVE} concurrent calls, ${grants} grant(s), ${failed} failed, ${(CALLS / seconds).toFixed(0)} calls/s`,
  );
  if (failed > 0) process.exitCode = 1;
  const customer = await benchSystemUserTokens(environment);
  await benchTokenApi(customer);
} finally {
  await portal.stop();
  await database.stop();
}

// The same for system-user tokens (one customer, one context): a system, a request the emulator
// approves, then two waves of concurrent getSystemUserToken calls.
async function benchSystemUserTokens(
  environment: Awaited<ReturnType<typeof portal.m.environments.loadEnvironmentById>>,
) {
  const { getSystemUserToken } = await import("@/lib/integrations/maskinporten/tokens");
  const customer = "310904473";
  const system = await portal.m.systems.createSystem(portal.scope(portal.actors.admin), {
    name: "bench",
    nameNb: "Bench",
    nameNn: "Bench",
    nameEn: "Bench",
    descriptionNb: "Bench",
    descriptionNn: "Bench",
    descriptionEn: "Bench",
    accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
    redirectUrl: "http://127.0.0.1:3999/onboard/callback",
    clientIds: [environment.clientId],
    isVisible: false,
  });
  const request = await portal.m.requests.createRequest(portal.scope(portal.actors.operator), {
    systemId: system.id,
    orgNo: customer,
  });
  const row = await portal.db.systemUserRequest.findUniqueOrThrow({
    where: { id: request.id },
    select: { altinnRequestId: true, externalRef: true },
  });
  // The customer's opaque externalRef: a grant must name it (Maskinporten answers MP-303 otherwise).
  const context = { orgNo: customer, externalRef: row.externalRef };
  await fetch(`${portal.emulatorUrl}/emulator/requests/${row.altinnRequestId}/approve`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  const before = await tokenGrants(portal.emulatorUrl);
  const results: PromiseSettledResult<unknown>[] = [];
  for (let wave = 0; wave < WAVES; wave++) {
    results.push(
      ...(await Promise.allSettled(
        Array.from({ length: WAVE }, () => getSystemUserToken(portal.m.connect(environment), context)),
      )),
    );
  }
  const grants = (await tokenGrants(portal.emulatorUrl)) - before;
  const failed = results.filter((r) => r.status === "rejected").length;
  console.log(`system-user token grants per 1000 calls: ${(grants * 1000) / CALLS}`);
  console.log(
    `  ${WAVES} waves of ${WAVE} concurrent getSystemUserToken calls for one customer, ${grants} grant(s), ${failed} failed`,
  );
  if (failed > 0) process.exitCode = 1;
  return { systemId: system.id, orgNo: customer };
}

// The token broker end to end: 1,000 concurrent POST /api/v1/tokens for one customer, through the
// API's own wrapper (key, scope, rate limit, validation), from a cold cache.
async function benchTokenApi(customer: { systemId: string; orgNo: string }) {
  const { createApiKeyFromCli } = await import("@/lib/apikeys/write");
  const { route } = await import("@/lib/api/route");
  const { issueTokenOp } = await import("@/lib/api/v1/tokens");
  const key = await createApiKeyFromCli(portal.environment, {
    name: "bench",
    scopes: ["tokens:issue"],
    rateLimit: 1_000_000,
  });
  const post = route(issueTokenOp);
  const call = () =>
    post(
      new Request("http://portal.bench/api/v1/tokens", {
        method: "POST",
        headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
        body: JSON.stringify(customer),
      }),
      { params: Promise.resolve({}) },
    );
  portal.m.tokens.clearTokenCache();
  const before = await tokenGrants(portal.emulatorUrl);
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: CALLS }, call));
  const seconds = (performance.now() - started) / 1000;
  const grants = (await tokenGrants(portal.emulatorUrl)) - before;
  const failed = answers.filter((r) => r.status !== 200).length;
  console.log(`token api grants per 1000 calls: ${(grants * 1000) / CALLS}`);
  console.log(
    `  ${CALLS} concurrent POST /api/v1/tokens for one customer, ${grants} grant(s), ${failed} not 200, ${(CALLS / seconds).toFixed(0)} calls/s`,
  );
  if (failed > 0) process.exitCode = 1;
}
