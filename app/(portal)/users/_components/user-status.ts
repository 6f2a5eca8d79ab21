import type { Translate } from "@/lib/i18n";
import type { UserRow } from "@/lib/users/queries";

/** Disabled, on a one-time password (until when, or expired), or simply active. */
export function userStatus(u: UserRow, t: Translate, date: (d: Date) => string): string {
  if (u.disabled) return t("users.disabled");
  if (u.mustChangePassword && u.oneTimePasswordExpiresAt)
    return u.oneTimePasswordExpiresAt <= new Date()
      ? t("users.oneTimeExpired")
      : t("users.oneTimeUntil", { date: date(u.oneTimePasswordExpiresAt) });
  return t("users.active");
}

/** Whether an identity is bound, and whether an admin allowed the next sign-on to link one. */
export function ssoText(u: UserRow, t: Translate): string {
  const linked = u.ssoLinked ? t("users.ssoLinked") : t("users.ssoNotLinked");
  return u.oidcLinkAllowed ? `${linked} (${t("users.ssoAllowedNote")})` : linked;
}
