"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/components/providers";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { SIGNIN_ERRORS } from "@/lib/auth/signin-errors";
import { signInRetryMinutes } from "../actions";

type Failure = { key: string; minutes?: number };

/** `callbackUrl` is already checked by the page (safeCallbackUrl): a path on this portal. */
export function SignInForm({ oidcName, callbackUrl }: { oidcName: string | null; callbackUrl: string }) {
  const t = useT();
  const router = useRouter();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          const form = new FormData(e.currentTarget);
          const res = await signIn("credentials", {
            email: form.get("email"),
            password: form.get("password"),
            redirect: false,
          });
          if (res?.error === SIGNIN_ERRORS.rateLimited) {
            setFailure({ key: "signin.rateLimited", minutes: await signInRetryMinutes(form.get("email")) });
          } else if (res?.error === SIGNIN_ERRORS.oneTimePasswordExpired) {
            setFailure({ key: "signin.expired" });
          } else if (!res || res.error) {
            setFailure({ key: "signin.failed" });
          }
          setPending(false);
          if (!res || res.error) return;
          router.replace(callbackUrl);
          router.refresh();
        }}
      >
        {failure && (
          <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
            {t(failure.key, { minutes: failure.minutes ?? 15 })}
          </p>
        )}
        <TextField name="email" type="email" label={t("signin.email")} autoComplete="username" required />
        <TextField
          name="password"
          type="password"
          label={t("signin.password")}
          autoComplete="current-password"
          required
        />
        <Button type="submit" disabled={pending} className="w-full justify-center">
          {t("signin.submit")}
        </Button>
      </form>
      {oidcName && (
        <>
          <p className="my-4 text-center text-sm text-slate-700">{t("signin.or")}</p>
          <Button variant="secondary" className="w-full justify-center" onClick={() => signIn("oidc", { callbackUrl })}>
            {t("signin.oidc", { name: oidcName })}
          </Button>
        </>
      )}
    </>
  );
}
