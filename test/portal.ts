// Starts the portal's data layer against a given database plus an in-process emulator, the way the
// app runs: migrations applied, Local environment bootstrapped, one user per role, a signing key
// registered at the emulator's Maskinporten. Modules are imported only after the env is set.
import { randomBytes } from "node:crypto";
import { startEmulator } from "@/emulator/server";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import type { EnvironmentView, Scope } from "@/lib/environments/types";
import { migrateDeploy } from "@/scripts/lib/migrate";
import { registerAtMaskinporten } from "./emulator-controls";

async function loadModules() {
  const [
    db,
    bootstrap,
    users,
    keys,
    systems,
    requests,
    onboarding,
    audit,
    environments,
    tokens,
    calls,
    connection,
    customers,
    customerExport,
    requestBulk,
    requestRenew,
    requestEvents,
    clientDelegation,
    clientAssign,
    clientAssignRunner,
    connect,
    signer,
  ] = await Promise.all([
    import("@/lib/core/db"),
    import("@/lib/environments/bootstrap"),
    import("@/lib/users/accounts"),
    Promise.all([import("@/lib/keys/create"), import("@/lib/keys/queries")]).then(([c, q]) => ({ ...c, ...q })),
    Promise.all([import("@/lib/systems/create"), import("@/lib/systems/queries")]).then(([c, q]) => ({ ...c, ...q })),
    Promise.all([
      import("@/lib/requests/create"),
      import("@/lib/requests/queries"),
      import("@/lib/requests/refresh"),
      import("@/lib/customers/queries"),
    ]).then(([c, q, r, customers]) => ({ ...c, ...q, ...r, listCustomers: customers.listCustomers })),
    import("@/lib/onboarding/flow"),
    import("@/lib/audit/queries"),
    Promise.all([
      import("@/lib/environments/queries"),
      import("@/lib/environments/write"),
      import("@/lib/environments/rules"),
    ]).then(([q, w, r]) => ({ ...q, ...w, ...r })),
    import("@/lib/integrations/maskinporten/tokens"),
    import("@/lib/calls/queries"),
    import("@/lib/environments/connection-test"),
    Promise.all([import("@/lib/customers/write"), import("@/lib/customers/queries")]).then(([w, q]) => ({
      ...w,
      ...q,
    })),
    import("@/lib/customers/export"),
    import("@/lib/requests/selection"),
    import("@/lib/requests/renew"),
    import("@/lib/requests/events"),
    import("@/lib/clients/delegation"),
    import("@/lib/clients/assign"),
    import("@/lib/clients/assign.job"),
    import("@/lib/environments/connect"),
    import("@/lib/keys/signer"),
  ]);
  return {
    db: db.db,
    closeDb: db.closeDb,
    bootstrap,
    users,
    keys: { ...keys, ...signer },
    connect: connect.connect,
    systems,
    requests,
    onboarding,
    audit,
    environments,
    tokens,
    calls,
    connection,
    customers,
    customerExport,
    requestBulk,
    requestRenew,
    requestEvents,
    clientDelegation,
    clientAssign: { ...clientAssign, ...clientAssignRunner },
  };
}

export type Modules = Awaited<ReturnType<typeof loadModules>>;

export type Portal = {
  m: Modules;
  db: Modules["db"];
  emulatorUrl: string;
  masterKey: Buffer;
  environmentId: string;
  /** The Local emulator environment every suite works in unless it makes its own. */
  environment: EnvironmentView;
  /** What the action wrapper hands the data layer: who acts, and in which environment. */
  scope: (actor: Actor | null, environment?: EnvironmentView) => Scope;
  /** The same with the environment read again, for a test that has just changed its settings. */
  freshScope: (actor: Actor | null) => Promise<Scope>;
  /** Re-reads `environment` (the flow suite does so before each test, as each page view would). */
  refreshEnvironment: () => Promise<void>;
  kid: string;
  actors: Record<RoleName, Actor>;
  stop: () => Promise<void>;
};

export async function startPortal(databaseUrl: string): Promise<Portal> {
  await migrateDeploy(databaseUrl);
  const emulator = await startEmulator({ port: 0 });
  const masterKey = randomBytes(32);
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    PORTAL_MASTER_KEY: masterKey.toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_URL: "http://127.0.0.1:3999",
    EMULATOR_URL: emulator.url,
  });
  const m = await loadModules();
  try {
    const environmentId = await m.bootstrap.ensureLocalEnvironment();
    const makeActor = async (role: RoleName): Promise<Actor> => {
      const input = { email: `${role}@vendor.test`, name: `Test ${role}`, role };
      const { user } = await m.users.createUserWithOneTimePassword(input, { type: "system", label: "test" });
      return { id: user.id, email: user.email, name: input.name, role: user.role, mustChangePassword: false };
    };
    const actors = {
      admin: await makeActor("admin"),
      operator: await makeActor("operator"),
      auditor: await makeActor("auditor"),
    };
    let environment = await m.environments.loadEnvironmentById(environmentId);
    const scope = (actor: Actor | null, env: EnvironmentView = environment): Scope => ({ actor, environment: env });
    const refreshEnvironment = async () => {
      environment = await m.environments.loadEnvironmentById(environmentId);
    };
    const freshScope = async (actor: Actor | null) => {
      await refreshEnvironment();
      return scope(actor);
    };
    const { kid } = await m.keys.generateSigningKey(scope(actors.admin));
    const keys = await m.keys.listKeys(scope(actors.admin));
    await registerAtMaskinporten(
      { emulatorUrl: emulator.url },
      keys.map((k) => k.publicJwk),
    );
    const stop = async () => {
      await (await import("@/lib/jobs/worker")).stopWorkers();
      await (await import("@/lib/core/jobs/boss")).stopBoss();
      await m.closeDb();
      await emulator.close();
    };
    return {
      m,
      db: m.db,
      emulatorUrl: emulator.url,
      masterKey,
      environmentId,
      get environment() {
        return environment;
      },
      scope,
      freshScope,
      refreshEnvironment,
      kid,
      actors,
      stop,
    };
  } catch (err) {
    await m.closeDb();
    await emulator.close();
    throw err;
  }
}
