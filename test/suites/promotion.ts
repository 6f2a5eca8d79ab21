import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch } from "../emulator-api";
import { expectAppError } from "../helpers";
import { seedEnvironment, seedSystem, uniqueName } from "../seed";
import type { EnvironmentView } from "@/lib/environments/types";
import { LOCAL_ENVIRONMENT } from "@/lib/environments/local";

// Issue 16, test to production: tt02 and production have different vendor org numbers and Maskinporten
// clients. Here "production" is a production-kind environment on the same emulator, for the emulator's
// second vendor (314001230), with a client of its own.
const PRODUCTION_VENDOR = "314001230";
const REDIRECT = "https://app.vendor.example/altinn/back";

async function productionEnvironment(p: Portal): Promise<EnvironmentView> {
  const local = await p.m.environments.loadEnvironmentById(p.environmentId);
  const clientId = randomUUID();
  const row = await p.db.environment.create({
    data: {
      slug: uniqueName("prod"),
      name: "Produksjon (emulator)",
      kind: "production",
      vendorOrgNo: PRODUCTION_VENDOR,
      clientId,
      scopes: local.scopes,
      maskinportenIssuer: local.maskinportenIssuer,
      maskinportenTokenUrl: local.maskinportenTokenUrl,
      altinnBaseUrl: local.altinnBaseUrl,
      confirmUrlHosts: local.confirmUrlHosts,
      entityRegisterUrl: local.entityRegisterUrl,
    },
    select: { id: true },
  });
  const environment = await p.m.environments.loadEnvironmentById(row.id);
  await p.m.keys.generateSigningKey(p.scope(p.actors.admin, environment));
  const keys = await p.m.keys.listKeys(p.scope(p.actors.admin, environment));
  const res = await emulatorFetch(p.emulatorUrl, "/emulator/maskinporten/clients", {
    body: {
      client_id: clientId,
      org_no: PRODUCTION_VENDOR,
      scopes: LOCAL_ENVIRONMENT.scopes,
      jwks: { keys: keys.map((k) => k.publicJwk) },
    },
  });
  expect(res.status).toBe(200);
  return environment;
}

export function promotionTests(ref: PortalRef) {
  it("shows the diff, refuses a wrong slug and operators, creates in production, then has no changes", async () => {
    const p = ref();
    const { previewPromotion, promoteSystem } = await import("@/lib/promotion/promote");
    const { environment: test } = await seedEnvironment(p, "pm-test");
    const production = await productionEnvironment(p);
    const source = await seedSystem(p, {
      prefix: "pm",
      environment: test,
      clientIds: [test.clientId],
      redirectUrl: REDIRECT,
      accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
    });
    const admin = p.scope(p.actors.admin, test);

    const first = await previewPromotion(admin, source.id, production.slug);
    expect(first.plan).toMatchObject({
      exists: false,
      changed: true,
      targetSystemId: `${PRODUCTION_VENDOR}_${source.name}`,
      clientMap: { from: test.clientId, to: production.clientId },
    });
    expect(first.plan.rows.find((r) => r.field === "clientIds")).toMatchObject({
      test: [test.clientId],
      production: null,
    });

    const before = await p.db.system.count({ where: { environmentId: production.id } });
    await expectAppError(
      promoteSystem(admin, { id: source.id, target: production.slug, confirm: test.slug }),
      "confirm_mismatch",
      400,
    );
    await expectAppError(
      promoteSystem(p.scope(p.actors.operator, test), {
        id: source.id,
        target: production.slug,
        confirm: production.slug,
      }),
      "forbidden",
      403,
    );
    expect(await p.db.system.count({ where: { environmentId: production.id } })).toBe(before);

    const done = await promoteSystem(admin, { id: source.id, target: production.slug, confirm: production.slug });
    expect(done.systemId).toBe(`${PRODUCTION_VENDOR}_${source.name}`);
    const row = await p.db.system.findUniqueOrThrow({ where: { id: done.id } });
    expect(row).toMatchObject({
      environmentId: production.id,
      promotedFromId: source.id,
      clientIds: [production.clientId],
      redirectUrls: [REDIRECT],
      accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
    });
    expect(row.altinnInternalId).toBeTruthy();
    const audit = await p.db.auditEvent.findFirst({
      where: { action: "system.promote", environmentId: production.id, targetId: done.systemId },
    });
    expect(audit).toMatchObject({ outcome: "success", actorLabel: p.actors.admin.email });

    // Applying again: the diff says nothing changes, and nothing is sent or audited.
    const again = await previewPromotion(admin, source.id, production.slug);
    expect(again.plan.changed).toBe(false);
    const audits = await p.db.auditEvent.count({ where: { environmentId: production.id } });
    const repeat = await promoteSystem(admin, { id: source.id, target: production.slug, confirm: production.slug });
    expect(repeat.changed).toEqual([]);
    expect(await p.db.auditEvent.count({ where: { environmentId: production.id } })).toBe(audits);
  });

  it("a later change in test shows as that field only and updates the linked production system", async () => {
    const p = ref();
    const { previewPromotion, promoteSystem } = await import("@/lib/promotion/promote");
    const { updateSystem } = await import("@/lib/systems/edit");
    const { environment: test } = await seedEnvironment(p, "pm-test2");
    const production = await productionEnvironment(p);
    const source = await seedSystem(p, {
      prefix: "pm",
      environment: test,
      clientIds: [test.clientId],
      redirectUrl: REDIRECT,
    });
    const admin = p.scope(p.actors.admin, test);
    const { id } = await promoteSystem(admin, { id: source.id, target: production.slug, confirm: production.slug });

    const row = await p.db.system.findUniqueOrThrow({ where: { id: source.id } });
    await updateSystem(admin, {
      id: source.id,
      nameNb: "Lønnssynk 2",
      nameNn: "Lønssynk",
      nameEn: "Payroll sync",
      descriptionNb: "Sender lønnsdata",
      descriptionNn: "Sender lønsdata",
      descriptionEn: "Sends payroll data",
      accessPackages: row.accessPackages,
      redirectUrls: row.redirectUrls,
      clientIds: row.clientIds,
      isVisible: false,
    });
    const preview = await previewPromotion(admin, source.id, production.slug);
    expect(preview.plan.rows.filter((r) => r.changed).map((r) => r.field)).toEqual(["nameNb"]);
    const done = await promoteSystem(admin, { id: source.id, target: production.slug, confirm: production.slug });
    expect(done).toMatchObject({ id, changed: ["nameNb"] });
    const name = (await p.db.system.findUniqueOrThrow({ where: { id } })).name as { nb: string };
    expect(name.nb).toBe("Lønnssynk 2");
  });
}
