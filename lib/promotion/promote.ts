import "server-only";
import { z } from "zod";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { isUuid } from "@/lib/core/ids";
import { AppError, invalidInput, notFound } from "@/lib/core/errors";
import { getEnvironment, listEnvironments } from "@/lib/environments/queries";
import type { EnvironmentView, Scope } from "@/lib/environments/types";
import { planPromotion, shortName, type PromotableSystem } from "@/lib/promotion/plan";
import { applySystemDefinition } from "@/lib/systems/apply";
import { createSystem } from "@/lib/systems/create";

const SELECT = {
  id: true,
  systemId: true,
  name: true,
  description: true,
  accessPackages: true,
  rights: true,
  redirectUrls: true,
  clientIds: true,
  isVisible: true,
  deletedAt: true,
} as const;

type Row = { name: unknown; description: unknown } & Omit<PromotableSystem, "name" | "description">;
const promotable = <T extends Row>(r: T) => ({
  ...r,
  name: r.name as PromotableSystem["name"],
  description: r.description as PromotableSystem["description"],
});

const onlyFromTest = () =>
  new AppError(
    "promotion_source_not_test",
    {
      nb: "Bare systemer i test- og emulatormiljøer kan overføres til produksjon.",
      en: "Only systems in test and emulator environments can be promoted to production.",
    },
    400,
  );

/** Production environments an admin may promote to (none for a production source). */
export async function promotionTargets(scope: Scope) {
  assertCan(scope.actor, "systems.manage");
  if (scope.environment.kind === "production") return [];
  return (await listEnvironments(scope.actor)).filter((e) => e.kind === "production");
}

async function load(scope: Scope, systemRowId: string, targetSlug: string) {
  assertCan(scope.actor, "systems.manage");
  // The system first: an id of another environment is a 404 whatever target is named.
  const source = isUuid(systemRowId)
    ? await db.system.findFirst({
        where: { id: systemRowId, environmentId: scope.environment.id, deletedAt: null },
        select: SELECT,
      })
    : null;
  if (!source) throw notFound({ nb: "systemet", en: "System" });
  if (scope.environment.kind === "production") throw onlyFromTest();
  const target = await getEnvironment(scope.actor, targetSlug);
  if (target.kind !== "production") throw notFound({ nb: "produksjonsmiljøet", en: "Production environment" });
  // The link kept from an earlier promotion wins; otherwise production's id for the same short name.
  const existing =
    (await db.system.findFirst({ where: { environmentId: target.id, promotedFromId: source.id }, select: SELECT })) ??
    (await db.system.findFirst({
      where: { environmentId: target.id, systemId: `${target.vendorOrgNo}_${shortName(source.systemId)}` },
      select: SELECT,
    }));
  const plan = planPromotion(
    promotable(source),
    existing ? promotable(existing) : null,
    { from: scope.environment.clientId, to: target.clientId },
    target.vendorOrgNo,
  );
  return { source, target, existing, plan };
}

/** The side-by-side diff, before anything is sent. */
export async function previewPromotion(scope: Scope, systemRowId: string, targetSlug: string) {
  const { target, existing, plan } = await load(scope, systemRowId, targetSlug);
  return { target: { slug: target.slug, name: target.name }, deleted: Boolean(existing?.deletedAt), plan };
}

export const promoteSchema = z.object({
  id: z.uuid(),
  target: z.string().trim().min(1, "errors.required"),
  confirm: z.string().trim().min(1, "errors.required"),
});

/**
 * Applies the test system to production through the normal System Register path: created when missing,
 * updated otherwise (an unchanged definition calls no one). Confirmed by typing production's slug.
 */
export async function promoteSystem(scope: Scope, raw: z.input<typeof promoteSchema>) {
  const { actor } = scope;
  assertCan(actor, "systems.manage");
  const parsed = promoteSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, target: slug, confirm } = parsed.data;
  const { source, target, existing, plan } = await load(scope, id, slug);
  if (confirm !== target.slug) {
    throw new AppError(
      "confirm_mismatch",
      {
        nb: `Skriv produksjonsmiljøets kortnavn ${target.slug} nøyaktig for å overføre.`,
        en: `Type the production environment's short name ${target.slug} exactly to promote.`,
      },
      400,
      { fieldErrors: { confirm: ["promotion.mismatch"] } },
    );
  }
  if (existing && !plan.changed) return { id: existing.id, systemId: existing.systemId, changed: [] as string[] };
  const targetScope: Scope = { actor: scope.actor, environment: target };
  const w = plan.wanted;
  const texts = {
    nameNb: w.name.nb,
    nameNn: w.name.nn,
    nameEn: w.name.en,
    descriptionNb: w.description.nb,
    descriptionNn: w.description.nn,
    descriptionEn: w.description.en,
  };
  let result: { id: string; systemId: string };
  if (existing) {
    await applySystemDefinition(targetScope, existing.id, {
      ...texts,
      accessPackages: [...w.accessPackages],
      rights: [...w.rights],
      redirectUrls: [...w.redirectUrls],
      clientIds: [...w.clientIds],
      isVisible: w.isVisible,
    });
    result = existing;
  } else {
    const [first = "", ...rest] = w.redirectUrls;
    result = await createSystem(targetScope, {
      name: shortName(source.systemId),
      ...texts,
      accessPackages: [...w.accessPackages],
      redirectUrl: first,
      extraRedirectUrls: rest,
      clientIds: [...w.clientIds],
      rights: [...w.rights],
      isVisible: w.isVisible,
    });
  }
  const changed = plan.rows.filter((r) => r.changed).map((r) => r.field);
  await db.$transaction(async (tx) => {
    await tx.system.update({ where: { id: result.id }, data: { promotedFromId: source.id } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "system.promote",
        target: { type: "system", id: result.systemId },
        outcome: "success",
        environmentId: target.id,
        detail: {
          from: { environment: scope.environment.slug, systemId: source.systemId },
          created: !existing,
          changed,
        },
      },
      tx,
    );
  });
  return { id: result.id, systemId: result.systemId, changed };
}

export type PromotionTarget = Pick<EnvironmentView, "slug" | "name">;
