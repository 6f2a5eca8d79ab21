import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { changedFields } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";

/**
 * Lets the next single sign-on with this user's verified e-mail bind its identity to the user, once
 * (npm run user:allow-sso-link; the users page calls the same). Audited with before and after.
 */
export async function allowOidcLink(actor: Actor, email: string) {
  assertCan(actor, "users.manage");
  const normalized = email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({
      where: { email: normalized },
      select: { id: true, email: true, oidcLinkAllowed: true },
    });
    if (!target) {
      throw new AppError(
        "user_not_found",
        { nb: `${normalized} finnes ikke.`, en: `${normalized} does not exist.` },
        404,
      );
    }
    const changes = changedFields(target, { oidcLinkAllowed: true });
    // Allowed already: the permission stands as it was, nothing to record.
    if (!changes) return { id: target.id, email: target.email };
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { oidcLinkAllowed: true },
      select: { id: true, email: true },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "user.identity.link.allow",
        target: { type: "user", id: updated.id },
        outcome: "success",
        detail: { email: updated.email, ...changes },
      },
      tx,
    );
    return updated;
  });
}
