// The scale bench's set-up (bench/scale/main.ts), in a process of its own against the bench's database
// after `npm run demo`: an API key that may issue tokens, the demo system's open page switched on, and
// one customer whose system-user request the emulator approves, so POST /api/v1/tokens gets a token.
//   node --conditions=react-server --import tsx bench/scale/setup-cli.ts <orgNo>
// Prints a JSON line on its last line: { secret, systemId, orgNo, publicPath }.
export {};
const [orgNo = ""] = process.argv.slice(2);
const { db, closeDb } = await import("@/lib/core/db");
const { loadEnvironmentBySlug } = await import("@/lib/environments/queries");
const { createApiKeyFromCli } = await import("@/lib/apikeys/write");
const { createRequest } = await import("@/lib/requests/create");
const { stopBoss } = await import("@/lib/core/jobs/boss");
try {
  const environment = await loadEnvironmentBySlug("local");
  const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
  const scope = {
    actor: { id: admin.id, email: admin.email, name: admin.name, role: admin.role, mustChangePassword: false },
    environment,
  };
  const systemId = `${environment.vendorOrgNo}_demo`;
  // Straight in the table: the bench needs the page open, not the admin screen's audit trail.
  const system = await db.system.update({
    where: { environmentId_systemId: { environmentId: environment.id, systemId } },
    data: { openOnboarding: true },
    select: { id: true },
  });
  const key = await createApiKeyFromCli(environment, {
    name: "bench-scale",
    scopes: ["tokens:issue"],
    rateLimit: 1_000_000,
  });
  const request = await createRequest(scope, { systemId: system.id, orgNo });
  const row = await db.systemUserRequest.findUniqueOrThrow({
    where: { id: request.id },
    select: { altinnRequestId: true },
  });
  const res = await fetch(`${environment.altinnBaseUrl}/emulator/requests/${row.altinnRequestId}/approve`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  if (!res.ok) throw new Error(`emulator approve: ${res.status} ${await res.text()}`);
  console.log(
    JSON.stringify({ secret: key.secret, systemId: system.id, orgNo, publicPath: `/onboard/local/${systemId}` }),
  );
} finally {
  await stopBoss();
  await closeDb();
}
