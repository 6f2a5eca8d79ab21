import Link from "next/link";
import { notFound } from "next/navigation";
import { actorCan } from "@/lib/auth/actor";
import { auditHref } from "@/lib/audit/search-schema";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/core/errors";
import { getUser } from "@/lib/users/queries";
import { dateLocale } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { endSessionsAction, setDisabledAction, setOidcLinkAction } from "../actions";
import { ResetPasswordForm, RoleForm, UserButtonForm } from "../_components/user-forms";
import { ssoText, userStatus } from "../_components/user-status";

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, actor] = await Promise.all([params, getT(), requireActor()]);
  if (!actorCan(actor, "users.manage")) return <p role="alert">{t("errors.forbidden")}</p>;
  const user = await getUser(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const date = (d: Date) => d.toLocaleString(dateLocale(locale), { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("users.detail", { email: user.email })}>
        <Link href="/users" className="text-brand-800 underline">
          {t("users.back")}
        </Link>
      </PageHeader>
      {actorCan(actor, "audit.read") && (
        <ul className="-mt-4 mb-6 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <li>
            <Link href={auditHref({ actor: user.id })} className="text-brand-800 underline">
              {t("audit.trail.byUser")}
            </Link>
          </li>
          <li>
            <Link href={auditHref({ targetType: "user", targetId: user.id })} className="text-brand-800 underline">
              {t("audit.trail.toUser")}
            </Link>
          </li>
        </ul>
      )}
      <Card>
        <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="font-medium">{t("users.name")}</dt>
          <dd>{user.id === actor.id ? t("users.you", { name: user.name }) : user.name}</dd>
          <dt className="font-medium">{t("users.status")}</dt>
          <dd>{userStatus(user, t, date)}</dd>
          <dt className="font-medium">{t("users.lastSignIn")}</dt>
          <dd>{user.lastSignInAt ? date(user.lastSignInAt) : t("users.never")}</dd>
        </dl>
      </Card>
      <Card title={t("users.roleCard")}>
        <RoleForm id={user.id} role={user.role} />
      </Card>
      <Card title={t("users.accessCard")}>
        <UserButtonForm
          name="access"
          action={setDisabledAction}
          id={user.id}
          on={!user.disabled}
          label={user.disabled ? t("users.enable") : t("users.disable")}
          hint={t("users.disableHint")}
        />
      </Card>
      <Card title={t("users.passwordCard")}>
        <ResetPasswordForm id={user.id} email={user.email} />
      </Card>
      <Card title={t("users.ssoCard")}>
        <p className="mb-3 text-sm">
          {t("users.sso")}: <strong>{ssoText(user, t)}</strong>
        </p>
        <UserButtonForm
          name="sso"
          action={setOidcLinkAction}
          id={user.id}
          on={!user.oidcLinkAllowed}
          label={user.oidcLinkAllowed ? t("users.ssoDisallow") : t("users.ssoAllow")}
          hint={t("users.ssoHint")}
        />
      </Card>
      <Card title={t("users.sessionsCard")}>
        <UserButtonForm
          name="sessions"
          action={endSessionsAction}
          id={user.id}
          label={t("users.endSessions")}
          hint={t("users.endSessionsHint")}
        />
      </Card>
    </>
  );
}
