import { dateLocale, type Locale, type Translate } from "@/lib/i18n";
import { Button } from "@/components/ui/button";

type Props = { base: string; org: string; expiresAt: number; t: Translate; locale: Locale };

/** Who is logged in, until when (Norwegian time, the session's own expiry) and the way out. */
export function SessionBar({ base, org, expiresAt, t, locale }: Props) {
  const until = new Date(expiresAt * 1000).toLocaleTimeString(dateLocale(locale), {
    timeZone: "Europe/Oslo",
    hour: "2-digit",
    minute: "2-digit",
  });
  return (
    <div className="mb-6 flex flex-wrap items-center gap-4 text-sm">
      <span>{t("clients.loggedIn", { org, until })}</span>
      <form method="post" action={`${base}/logout`}>
        <input type="hidden" name="org" value={org} />
        <Button type="submit" variant="secondary">
          {t("clients.logout")}
        </Button>
      </form>
    </div>
  );
}
