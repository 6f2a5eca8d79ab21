import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import type { Scope } from "@/lib/environments/types";
import { mailBrand } from "@/lib/mail/brand";
import { testMailSchema, parseOr400 } from "@/lib/mail/schema";
import { transportSettings } from "@/lib/mail/settings";
import { renderMail } from "@/lib/mail/templates";
import { sendWithSmtp } from "@/lib/mail/transport";

/**
 * "Send test e-mail": sent at once, not through the queue, so the admin sees the SMTP server's answer on
 * the page. Logged in the delivery log like any other message, and audited.
 */
export async function sendTestMail(scope: Scope, input: { to: string }) {
  const { actor, environment } = scope;
  assertCan(actor, "environments.manage");
  const { to } = parseOr400(testMailSchema, input);
  const settings = await transportSettings(environment.id);
  if (!settings)
    throw new AppError(
      "mail_not_configured",
      { nb: "Lagre SMTP-innstillingene først.", en: "Save the SMTP settings first." },
      409,
    );
  const rendered = renderMail("test", "nb", { brand: await mailBrand(environment.id) });
  let messageId: string | null = null;
  let error: string | null = null;
  try {
    messageId = await sendWithSmtp(settings, { to, ...rendered });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  await db.$transaction(async (tx) => {
    await tx.mailMessage.create({
      data: {
        environmentId: environment.id,
        kind: "test",
        recipient: to,
        locale: "nb",
        ...rendered,
        status: error ? "failed" : "sent",
        attempts: 1,
        lastError: error,
        messageId,
        sentAt: error ? null : new Date(),
        triggeredBy: actor.email,
      },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "mail_settings.test",
        target: { type: "environment", id: environment.slug },
        outcome: error ? "failure" : "success",
        environmentId: environment.id,
        detail: { to, ...(error ? { error } : {}) },
      },
      tx,
    );
  });
  if (error)
    throw new AppError("mail_test_failed", { nb: `Sending feilet: ${error}`, en: `Sending failed: ${error}` }, 502);
}
