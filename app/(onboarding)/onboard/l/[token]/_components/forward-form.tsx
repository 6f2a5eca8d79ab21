import type { Locale } from "@/lib/i18n";
import type { getT } from "@/lib/i18n/server";
import { Button } from "@/components/ui/button";

type T = Awaited<ReturnType<typeof getT>>["t"];
const OUTCOMES = ["sent", "invalid", "limited", "no_mail"] as const;

/**
 * For a visitor who cannot approve: which Altinn role is needed and why, and a form that sends this same
 * link (and only it, in our words) to the person who has the role. A plain form: no script needed.
 */
export function ForwardForm({ token, locale, outcome, t }: { token: string; locale: Locale; outcome?: string; t: T }) {
  const known = OUTCOMES.find((o) => o === outcome);
  return (
    <section aria-labelledby="forward-title" className="mt-8 rounded-lg border border-slate-300 bg-white p-6">
      <h2 id="forward-title" className="mb-2 text-lg font-semibold">
        {t("mail.forward.title")}
      </h2>
      <p className="mb-4 text-sm">{t("mail.forward.why")}</p>
      {known && (
        <p
          role={known === "sent" ? "status" : "alert"}
          className={`mb-4 rounded-md border p-3 text-sm ${known === "sent" ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
        >
          {t(`mail.forward.${known}`)}
        </p>
      )}
      <form method="post" action={`/onboard/l/${encodeURIComponent(token)}/forward`}>
        <input type="hidden" name="locale" value={locale} />
        <label htmlFor="forward-email" className="block text-sm font-medium">
          {t("mail.forward.email")}
        </label>
        <input
          id="forward-email"
          name="email"
          type="email"
          required
          autoComplete="off"
          className="mb-4 mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm"
        />
        <Button type="submit" variant="secondary">
          {t("mail.forward.send")}
        </Button>
      </form>
    </section>
  );
}
