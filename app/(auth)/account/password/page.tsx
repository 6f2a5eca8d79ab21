import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { SignOutButton } from "@/components/sign-out-button";
import { PasswordForm } from "./_components/password-form";

/** The one page a person on a one-time password may see (besides signing out). */
export default async function PasswordPage() {
  const [{ t }, actor] = await Promise.all([getT(), getActor()]);
  if (!actor) redirect("/signin");
  return (
    <main id="main" className="mx-auto mt-16 max-w-md px-4">
      <div className="rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
        <h1 className="mb-2 text-2xl font-bold">{t("password.title")}</h1>
        {actor.mustChangePassword && <p className="mb-6 text-sm text-slate-700">{t("password.intro")}</p>}
        <p className="mb-6 text-sm text-slate-700">{t("password.othersEnd")}</p>
        <PasswordForm />
        <div className="mt-6 flex items-center justify-between gap-4 border-t border-slate-200 pt-4 text-sm">
          {actor.mustChangePassword ? (
            <span>{actor.email}</span>
          ) : (
            <Link href="/account" className="text-brand-800 underline">
              {t("common.back")}
            </Link>
          )}
          <SignOutButton
            label={t("nav.signout")}
            className="rounded-md border border-slate-500 px-3 py-1 text-slate-900 hover:bg-slate-100"
          />
        </div>
      </div>
    </main>
  );
}
