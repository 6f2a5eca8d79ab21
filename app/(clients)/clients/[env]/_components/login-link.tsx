import type { Translate } from "@/lib/i18n";

/** A plain link, not a form: the login route redirects to ID-porten. */
export function LoginLink({ base, org, t }: { base: string; org: string; t: Translate }) {
  return (
    <a
      href={`${base}/login?org=${org}`}
      className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
    >
      {t("clients.login")}
    </a>
  );
}
