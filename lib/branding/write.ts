import "server-only";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { changedFields, removedFields } from "@/lib/core/changes";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";
import { checkBranding } from "@/lib/branding/validate";
import { BRANDING_TEXT_FIELDS, type BrandingFieldsInput } from "@/lib/branding/schema";

// Admins edit branding (an environment's defaults: environments.manage; a system's override: systems.manage),
// every other role only looks. Each save and reset is audited with before and after; the logo appears in the
// audit trail as its SHA-256, never its bytes. A save that changes nothing records nothing.

type Upload = Uint8Array<ArrayBuffer> | null;
type Current = Record<(typeof BRANDING_TEXT_FIELDS)[number] | "logoHash", string | null>;
const AUDITED = [...BRANDING_TEXT_FIELDS, "logoHash"] as const;
const SELECT = Object.fromEntries(AUDITED.map((k) => [k, true])) as Record<(typeof AUDITED)[number], true>;

/** The row's next values and the audit detail; the logo is the new upload, kept, or dropped. */
function next(raw: BrandingFieldsInput, upload: Upload, before: Current | null) {
  const { fields, logo } = checkBranding(raw, upload);
  const { removeLogo, ...text } = fields;
  const logoHash = logo ? logo.hash : removeLogo ? null : (before?.logoHash ?? null);
  const logoData = logo
    ? { logo: logo.bytes, logoType: logo.type, logoHash: logo.hash }
    : removeLogo
      ? { logo: null, logoType: null, logoHash: null }
      : {};
  // The audit trail names a logo as "sha256:<hex>", before and after alike.
  const named = (hash: string | null) => hash && `sha256:${hash}`;
  const changes = changedFields(
    before ? { ...before, logoHash: named(before.logoHash) } : {},
    { ...text, logoHash: named(logoHash) },
    AUDITED,
  );
  return { data: { ...text, ...logoData }, changes };
}

export async function saveEnvironmentBranding(
  actor: Actor | null,
  environmentId: string,
  raw: BrandingFieldsInput,
  upload: Upload,
) {
  assertCan(actor, "environments.manage");
  if (!isUuid(environmentId)) throw notFound({ nb: "miljøet", en: "Environment" });
  return db.$transaction(async (tx) => {
    // The environment row is locked so two admins saving at once each record the other's value as "before".
    const [env] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM environments WHERE id = ${environmentId}::uuid FOR UPDATE`;
    if (!env) throw notFound({ nb: "miljøet", en: "Environment" });
    const before = await tx.environmentBranding.findUnique({ where: { environmentId }, select: SELECT });
    const { data, changes } = next(raw, upload, before);
    if (!changes) return { changed: [] as string[] };
    await tx.environmentBranding.upsert({ where: { environmentId }, create: { environmentId, ...data }, update: data });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "environment.branding",
        target: { type: "environment", id: environmentId },
        outcome: "success",
        environmentId,
        detail: changes,
      },
      tx,
    );
    return { changed: Object.keys(changes.after) };
  });
}

/** A system's override; `id` is the system's row id, looked up in the caller's environment (else a 404). */
export async function saveSystemBranding(scope: Scope, id: string, raw: BrandingFieldsInput, upload: Upload) {
  const { actor, environment } = scope;
  assertCan(actor, "systems.manage");
  return db.$transaction(async (tx) => {
    const [system] = isUuid(id)
      ? await tx.$queryRaw<{ id: string; systemId: string }[]>`
          SELECT id, "systemId" FROM systems WHERE id = ${id}::uuid AND "environmentId" = ${environment.id}::uuid FOR UPDATE`
      : [];
    if (!system) throw notFound({ nb: "systemet", en: "System" });
    const before = await tx.systemBranding.findUnique({ where: { systemId: id }, select: SELECT });
    const { data, changes } = next(raw, upload, before);
    if (!changes) return { changed: [] as string[] };
    await tx.systemBranding.upsert({
      where: { systemId: id },
      create: { systemId: id, environmentId: environment.id, ...data },
      update: data,
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "system.branding",
        target: { type: "system", id: system.systemId },
        outcome: "success",
        environmentId: environment.id,
        detail: changes,
      },
      tx,
    );
    return { changed: Object.keys(changes.after) };
  });
}

const asAudit = (row: Current) => removedFields({ ...row, logoHash: row.logoHash && `sha256:${row.logoHash}` });

/** Back to the portal's own look (the environment) or to the environment's branding (a system). */
export async function resetEnvironmentBranding(actor: Actor | null, environmentId: string) {
  assertCan(actor, "environments.manage");
  if (!isUuid(environmentId)) throw notFound({ nb: "miljøet", en: "Environment" });
  return db.$transaction(async (tx) => {
    const before = await tx.environmentBranding.findUnique({ where: { environmentId }, select: SELECT });
    if (!before) return { reset: false };
    await tx.environmentBranding.delete({ where: { environmentId } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "environment.branding_reset",
        target: { type: "environment", id: environmentId },
        outcome: "success",
        environmentId,
        detail: asAudit(before),
      },
      tx,
    );
    return { reset: true };
  });
}

export async function resetSystemBranding(scope: Scope, id: string) {
  const { actor, environment } = scope;
  assertCan(actor, "systems.manage");
  const system = isUuid(id)
    ? await db.system.findFirst({ where: { id, environmentId: environment.id }, select: { id: true, systemId: true } })
    : null;
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  return db.$transaction(async (tx) => {
    const before = await tx.systemBranding.findUnique({ where: { systemId: id }, select: SELECT });
    if (!before) return { reset: false };
    await tx.systemBranding.delete({ where: { systemId: id } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "system.branding_reset",
        target: { type: "system", id: system.systemId },
        outcome: "success",
        environmentId: environment.id,
        detail: asAudit(before),
      },
      tx,
    );
    return { reset: true };
  });
}
