import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { changedFields, createdFields, SECRET_CHANGED } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { openSecret, sealSecret } from "@/lib/core/master-key";
import type { Scope } from "@/lib/environments/types";
import { mailPasswordAad } from "@/lib/mail/aad";
import { mailSettingsSchema, type MailSettingsInput, parseOr400 } from "@/lib/mail/schema";

/** The settings as pages see them: the password only as "set" or not. */
export async function getMailSettings({ actor, environment }: Scope) {
  assertCan(actor, "portal.read");
  const row = await db.mailSettings.findUnique({ where: { environmentId: environment.id } });
  if (!row) return null;
  const { passwordEnc, ...rest } = row;
  return { ...rest, passwordSet: passwordEnc !== null };
}

/** What the sender needs, password opened; null when the environment has no SMTP settings. */
export async function transportSettings(environmentId: string) {
  const row = await db.mailSettings.findUnique({ where: { environmentId } });
  if (!row) return null;
  const password = row.passwordEnc ? openSecret(row.passwordEnc, mailPasswordAad(environmentId)) : null;
  return { ...row, password };
}

/** Saves the SMTP and reminder settings (admins), audited with before and after; the password never. */
export async function saveMailSettings(scope: Scope, input: MailSettingsInput) {
  const { actor, environment } = scope;
  assertCan(actor, "environments.manage");
  const v = parseOr400(mailSettingsSchema, input);
  const before = await db.mailSettings.findUnique({ where: { environmentId: environment.id } });
  const newPassword = v.password && v.password.length > 0 ? v.password : null;
  const passwordEnc = v.clearPassword
    ? null
    : newPassword
      ? sealSecret(newPassword, mailPasswordAad(environment.id))
      : (before?.passwordEnc ?? null);
  const data = {
    host: v.host,
    port: v.port,
    tlsMode: v.tlsMode,
    username: v.username ?? null,
    fromAddress: v.fromAddress,
    fromName: v.fromName,
    replyTo: v.replyTo ?? null,
    reminderOffsets: v.reminderOffsets,
  };
  const passwordChanged = v.clearPassword ? before?.passwordEnc != null : newPassword !== null;
  const detail = before
    ? changedFields(
        { ...pick(before), password: "unchanged" },
        { ...data, password: passwordChanged ? SECRET_CHANGED : "unchanged" },
      )
    : createdFields({ ...data, password: newPassword ? SECRET_CHANGED : null });
  if (before && !detail) return;
  await db.$transaction(async (tx) => {
    await tx.mailSettings.upsert({
      where: { environmentId: environment.id },
      create: { environmentId: environment.id, ...data, passwordEnc },
      update: { ...data, passwordEnc },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: before ? "mail_settings.update" : "mail_settings.create",
        target: { type: "environment", id: environment.slug },
        outcome: "success",
        environmentId: environment.id,
        detail: detail ?? {},
      },
      tx,
    );
  });
}

const pick = (r: NonNullable<Awaited<ReturnType<typeof db.mailSettings.findUnique>>>) => ({
  host: r.host,
  port: r.port,
  tlsMode: r.tlsMode,
  username: r.username,
  fromAddress: r.fromAddress,
  fromName: r.fromName,
  replyTo: r.replyTo,
  reminderOffsets: r.reminderOffsets,
});
