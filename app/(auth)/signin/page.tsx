import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/core/env";
import { getT } from "@/lib/i18n/server";
import { SignInForm } from "./_components/signin-form";
import { LocaleSwitch } from "@/components/locale-switch";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const [{ t }, actor, params] = await Promise.all([getT(), getActor(), searchParams]);
  if (actor) redirect("/");
  const e = env();
  const oidcName = e.OIDC_ISSUER ? e.OIDC_NAME : null;
  return (
    <main id="main" className="mx-auto mt-16 max-w-md px-4">
      <div className="mb-4 flex justify-end">
        <LocaleSwitch />
      </div>
      <div className="rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
        <p className="mb-1 text-sm font-semibold text-brand-700">{t("app.name")}</p>
        <h1 className="mb-6 text-2xl font-bold">{t("signin.title")}</h1>
        {params.error === "AccessDenied" && (
          <p role="alert" className="mb-4 text-sm text-red-800">
            {t("signin.denied")}
          </p>
        )}
        <SignInForm oidcName={oidcName} callbackUrl={params.callbackUrl?.startsWith("/") ? params.callbackUrl : "/"} />
      </div>
    </main>
  );
}
