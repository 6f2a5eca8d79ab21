import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { PasswordForm } from "./_components/password-form";

export default async function PasswordPage() {
  const [{ t }, actor] = await Promise.all([getT(), getActor()]);
  if (!actor) redirect("/signin");
  return (
    <main id="main" className="mx-auto mt-16 max-w-md px-4">
      <div className="rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
        <h1 className="mb-2 text-2xl font-bold">{t("password.title")}</h1>
        {actor.mustChangePassword && <p className="mb-6 text-sm text-slate-700">{t("password.intro")}</p>}
        <PasswordForm />
      </div>
    </main>
  );
}
