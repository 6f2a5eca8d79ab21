import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getOwnAccount } from "@/lib/users/queries";
import { dateLocale } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { EndSessionsForm } from "./_components/end-sessions-form";

export default async function AccountPage() {
  const [{ t, locale }, actor] = await Promise.all([getT(), requireActor()]);
  const account = await getOwnAccount(actor);
  const date = (d: Date | null) =>
    d ? d.toLocaleString(dateLocale(locale), { dateStyle: "medium", timeStyle: "short" }) : t("users.never");
  return (
    <>
      <PageHeader title={t("account.title")} />
      <Card title={t("account.facts")}>
        <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="font-medium">{t("account.email")}</dt>
          <dd>{account.email}</dd>
          <dt className="font-medium">{t("account.role")}</dt>
          <dd>{t(`role.${account.role}`)}</dd>
          <dt className="font-medium">{t("account.lastSignIn")}</dt>
          <dd>{date(account.lastSignInAt)}</dd>
        </dl>
        {account.hasPassword && (
          <p className="mt-4 text-sm">
            <Link href="/account/password" className="text-brand-800 underline">
              {t("account.password")}
            </Link>
          </p>
        )}
      </Card>
      <Card title={t("account.sessions")}>
        <EndSessionsForm />
      </Card>
    </>
  );
}
