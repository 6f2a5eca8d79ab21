import Link from "next/link";
import { actorCan } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/queries";
import { dateLocale } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { CreateUserForm } from "./_components/create-user-form";
import { ssoText, userStatus } from "./_components/user-status";

export default async function UsersPage() {
  const [{ t, locale }, actor] = await Promise.all([getT(), requireActor()]);
  if (!actorCan(actor, "users.manage")) return <p role="alert">{t("errors.forbidden")}</p>;
  const users = await listUsers(actor);
  const date = (d: Date) => d.toLocaleString(dateLocale(locale), { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("users.title")} />
      <p className="mb-6 max-w-3xl text-sm">{t("users.intro")}</p>
      <Card title={t("users.list")}>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-2 pr-3">{t("users.name")}</th>
                <th className="py-2 pr-3">{t("users.email")}</th>
                <th className="py-2 pr-3">{t("users.role")}</th>
                <th className="py-2 pr-3">{t("users.status")}</th>
                <th className="py-2 pr-3">{t("users.lastSignIn")}</th>
                <th className="py-2">{t("users.sso")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-3">
                    <Link href={`/users/${u.id}`} className="text-brand-800 underline">
                      {u.id === actor.id ? t("users.you", { name: u.name }) : u.name}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">{u.email}</td>
                  <td className="py-2 pr-3">{t(`role.${u.role}`)}</td>
                  <td className="py-2 pr-3">{userStatus(u, t, date)}</td>
                  <td className="py-2 pr-3">{u.lastSignInAt ? date(u.lastSignInAt) : t("users.never")}</td>
                  <td className="py-2">{ssoText(u, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t("users.new")}>
        <CreateUserForm />
      </Card>
    </>
  );
}
