// Starts the portal's data layer against a given database plus an in-process emulator, the way the
// app runs: migrations applied, Local environment bootstrapped, one user per role, a signing key
// registered at the emulator's Maskinporten. Modules are imported only after the env is set.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "@/emulator/server";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import type { EnvironmentView, Scope } from "@/lib/environments/types";
import { migrateDeploy } from "@/scripts/lib/migrate";
import { newAuditSigningKey } from "@/scripts/lib/runtime-env";
import { registerAtMaskinporten } from "./emulator-controls";

// Each name once: a domain whose reads and writes live in separate files is spread into one namespace.
async function loadModules() {
  const db = await import("@/lib/core/db");
  return {
    db: db.db,
    closeDb: db.closeDb,
    bootstrap: await import("@/lib/environments/bootstrap"),
    users: await import("@/lib/users/accounts"),
    identities: { ...(await import("@/lib/users/identities")), ...(await import("@/lib/users/allow-link")) },
    keys: {
      ...(await import("@/lib/keys/create")),
      ...(await import("@/lib/keys/queries")),
      ...(await import("@/lib/keys/signer")),
    },
    connect: (await import("@/lib/environments/connect")).connect,
    systems: { ...(await import("@/lib/systems/create")), ...(await import("@/lib/systems/queries")) },
    requests: {
      ...(await import("@/lib/requests/create")),
      ...(await import("@/lib/requests/queries")),
      ...(await import("@/lib/requests/refresh")),
      listCustomers: (await import("@/lib/customers/queries")).listCustomers,
    },
    onboarding: await import("@/lib/onboarding/flow"),
    audit: await import("@/lib/audit/queries"),
    environments: {
      ...(await import("@/lib/environments/queries")),
      ...(await import("@/lib/environments/write")),
      ...(await import("@/lib/environments/rules")),
    },
    tokens: await import("@/lib/integrations/maskinporten/tokens"),
    calls: await import("@/lib/calls/queries"),
    connection: await import("@/lib/environments/connection-test"),
    customers: { ...(await import("@/lib/customers/write")), ...(await import("@/lib/customers/queries")) },
    customerExport: await import("@/lib/customers/export"),
    requestBulk: await import("@/lib/requests/selection"),
    requestRenew: await import("@/lib/requests/renew"),
    requestEvents: await import("@/lib/requests/events"),
    clientDelegation: await import("@/lib/clients/delegation"),
    clientAssign: { ...(await import("@/lib/clients/assign")), ...(await import("@/lib/clients/assign.job")) },
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

/** `emulatorUrl`: an emulator already running in a process of its own (bench/bulk.ts), not started here. */
export async function startPortal(databaseUrl: string, opts: { emulatorUrl?: string } = {}): Promise<Portal> {
  await migrateDeploy(databaseUrl);
  const emulator = opts.emulatorUrl
    ? { url: opts.emulatorUrl, close: async () => undefined }
    : await startEmulator({ port: 0 });
  const masterKey = randomBytes(32);
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    PORTAL_MASTER_KEY: masterKey.toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    AUDIT_SIGNING_KEY: newAuditSigningKey(),
    AUDIT_ANCHOR_DIR: mkdtempSync(path.join(tmpdir(), "audit-anchors-")),
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
