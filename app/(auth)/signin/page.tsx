import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/core/env";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SIGNIN_ERRORS } from "@/lib/auth/signin-errors";
import { getT } from "@/lib/i18n/server";
import { SignInForm } from "./_components/signin-form";
import { LocaleSwitch } from "@/components/locale-switch";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string; ended?: string }>;
}) {
  const [{ t }, actor, params] = await Promise.all([getT(), getActor(), searchParams]);
  if (actor) redirect("/");
  const e = env();
  const oidcName = e.OIDC_ISSUER ? e.OIDC_NAME : null;
  const errorText = ERROR_TEXTS.get(params.error ?? "");
  return (
    <main id="main" className="mx-auto mt-16 max-w-md px-4">
      <div className="mb-4 flex justify-end">
        <LocaleSwitch />
      </div>
      <div className="rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
        <p className="mb-1 text-sm font-semibold text-brand-700">{t("app.name")}</p>
        <h1 className="mb-6 text-2xl font-bold">{t("signin.title")}</h1>
        {errorText && (
          <p role="alert" className="mb-4 text-sm text-red-800">
            {t(errorText)}
          </p>
        )}
        {params.ended === "all" && (
          <p role="status" className="mb-4 text-sm text-slate-800">
            {t("account.endedAll")}
          </p>
        )}
        <SignInForm oidcName={oidcName} callbackUrl={safeCallbackUrl(params.callbackUrl, e.PORTAL_URL)} />
      </div>
    </main>
  );
}

/** Errors that reach this page in its address (next-auth's redirects, e.g. from single sign-on). */
const ERROR_TEXTS = new Map<string, string>([
  ["AccessDenied", "signin.denied"],
  ["CredentialsSignin", "signin.failed"],
  [SIGNIN_ERRORS.rateLimited, "signin.rateLimitedLater"],
  [SIGNIN_ERRORS.oneTimePasswordExpired, "signin.expired"],
]);
