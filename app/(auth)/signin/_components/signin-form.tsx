"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/components/providers";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

export function SignInForm({ oidcName, callbackUrl }: { oidcName: string | null; callbackUrl: string }) {
  const t = useT();
  const router = useRouter();
  const [failed, setFailed] = useState(false);
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
          setPending(false);
          if (!res || res.error) return setFailed(true);
          router.replace(callbackUrl);
          router.refresh();
        }}
      >
        {failed && (
          <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
            {t("signin.failed")}
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
