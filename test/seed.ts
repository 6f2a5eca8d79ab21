// Builders for what a suite needs before it can test anything: a system registered in Altinn, a
// customer, a request (waiting, approved or rejected). Everything goes through the data layer, as the
// app would do it, and every name and org number is fresh, so a suite that seeds its own data passes
// alone and in any order.
import { randomBytes, randomUUID } from "node:crypto";
import type { EnvironmentView } from "@/lib/environments/types";
import type { CreateSystemInput } from "@/lib/systems/schema";
import { decideRequest, registerAtMaskinporten } from "./emulator-controls";
import { addOrganisations, systemInput } from "./helpers";
import { ORG_BLOCKS, orgPool } from "./org-numbers";
import type { Portal } from "./portal";

const seedOrgs = orgPool(ORG_BLOCKS.seed);

/** A short name no other system has: `<prefix>-<6 hex>`. */
export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(3).toString("hex")}`;

export type SeededSystem = { id: string; systemId: string; name: string; altinnInternalId: string };

/** Registers a system in Altinn through the data layer (as an admin), under a name no other system has. */
export async function seedSystem(
  p: Portal,
  opts: { prefix?: string; environment?: EnvironmentView } & Partial<CreateSystemInput> = {},
): Promise<SeededSystem> {
  const { prefix = "seed", environment, ...overrides } = opts;
  const name = uniqueName(prefix);
  const created = await p.m.systems.createSystem(p.scope(p.actors.admin, environment), systemInput(p, name, overrides));
  const row = await p.db.system.findUniqueOrThrow({
    where: { id: created.id },
    select: { altinnInternalId: true },
  });
  return { id: created.id, systemId: created.systemId, name, altinnInternalId: row.altinnInternalId ?? "" };
}

/** Turns the system's open onboarding page on (or off), as an admin does on the system's page (ADR 018). */
export async function openPublicPage(p: Portal, systemRowId: string, enabled = true) {
  const { setOpenOnboarding } = await import("@/lib/systems/open-onboarding");
  return setOpenOnboarding(p.scope(p.actors.admin), { id: systemRowId, enabled });
}

export type SeededCustomer = { id: string; orgNo: string; externalRef: string };

/**
 * A customer made on the Customers page (an operator), for an org number the emulator's register knows.
 * Without `orgNo`, one no suite uses.
 */
export async function seedCustomer(
  p: Portal,
  opts: { orgNo?: string; name?: string; tags?: string } = {},
): Promise<SeededCustomer> {
  const orgNo = opts.orgNo ?? seedOrgs.one();
  await addOrganisations(p, [orgNo]);
  const created = await p.m.customers.createCustomer(p.scope(p.actors.operator), {
    orgNo,
    name: opts.name ?? `Kunde ${orgNo}`,
    notes: "",
    tags: opts.tags ?? "",
  });
  return { id: created.id, orgNo, externalRef: created.externalRef };
}

export type SeededRequest = {
  id: string;
  altinnRequestId: string;
  /** The request's own externalRef (an agent request's ends in -agent). */
  externalRef: string;
  status: string;
  system: SeededSystem;
  customer: SeededCustomer;
  /** Altinn's id of the system user, once the customer approved. */
  altinnSystemUserId: string | null;
};

/**
 * A request an operator creates for a customer first seen here (or for `orgNo`), to a new system unless
 * one is given. `outcome` has the customer approve or reject it at the emulator, and the portal sync it.
 */
export async function seedRequest(
  p: Portal,
  opts: {
    system?: SeededSystem;
    orgNo?: string;
    kind?: "standard" | "agent";
    outcome?: "approved" | "rejected";
  } = {},
): Promise<SeededRequest> {
  const system = opts.system ?? (await seedSystem(p));
  const orgNo = opts.orgNo ?? seedOrgs.one();
  const kind = opts.kind ?? "standard";
  await addOrganisations(p, [orgNo]);
  const scope = p.scope(p.actors.operator);
  const created = await p.m.requests.createRequest(scope, { systemId: system.id, orgNo, kind });
  let row = await p.db.systemUserRequest.findUniqueOrThrow({
    where: { id: created.id },
    include: { customer: { select: { id: true, orgNo: true, externalRef: true } } },
  });
  if (opts.outcome) {
    await decideRequest(p, row.altinnRequestId, opts.outcome === "approved" ? "approve" : "reject", kind);
    await p.m.requests.refreshRequest(scope, row.id);
    row = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: row.id }, include: { customer: true } });
  }
  const user = await p.db.systemUser.findUnique({ where: { requestId: row.id }, select: { altinnSystemUserId: true } });
  return {
    id: row.id,
    altinnRequestId: row.altinnRequestId,
    externalRef: row.externalRef,
    status: row.status,
    system,
    customer: { id: row.customer.id, orgNo: row.customer.orgNo, externalRef: row.customer.externalRef },
    altinnSystemUserId: user?.altinnSystemUserId ?? null,
  };
}

/**
 * Another environment on the same emulator, with its own Maskinporten client and its first signing key
 * (active and registered), for a suite whose changes must not reach the Local environment others use.
 */
export async function seedEnvironment(p: Portal, slugPrefix: string) {
  const local = await p.m.environments.loadEnvironmentById(p.environmentId);
  const clientId = randomUUID();
  const created = await p.db.environment.create({
    data: {
      slug: uniqueName(slugPrefix),
      name: `Emulator (${slugPrefix})`,
      kind: "emulator",
      vendorOrgNo: local.vendorOrgNo,
      clientId,
      scopes: local.scopes,
      maskinportenIssuer: local.maskinportenIssuer,
      maskinportenTokenUrl: local.maskinportenTokenUrl,
      altinnBaseUrl: local.altinnBaseUrl,
      confirmUrlHosts: local.confirmUrlHosts,
      digdirApiUrl: local.digdirApiUrl,
      entityRegisterUrl: local.entityRegisterUrl,
    },
    select: { id: true },
  });
  const environment = await p.m.environments.loadEnvironmentById(created.id);
  const { kid } = await p.m.keys.generateSigningKey(p.scope(p.actors.admin, environment));
  const keys = await p.m.keys.listKeys(p.scope(p.actors.admin, environment));
  await registerAtMaskinporten(
    p,
    keys.map((k) => k.publicJwk),
    clientId,
  );
  return { environment, kid };
}

/**
 * An environment row and nothing else (no signing key, no Maskinporten client, endpoints that go nowhere),
 * for a suite that only needs rows kept apart from the Local environment's: customers elsewhere, an audit
 * chain of its own.
 */
export async function seedBareEnvironment(p: Pick<Portal, "db">, slugPrefix: string) {
  const slug = uniqueName(slugPrefix);
  return p.db.environment.create({
    data: {
      slug,
      name: slug,
      kind: "test",
      vendorOrgNo: "991825827",
      clientId: "x",
      scopes: [],
      maskinportenIssuer: "https://mp.example/",
      maskinportenTokenUrl: "https://mp.example/token",
      altinnBaseUrl: "https://altinn.example",
    },
    select: { id: true, slug: true },
  });
}
