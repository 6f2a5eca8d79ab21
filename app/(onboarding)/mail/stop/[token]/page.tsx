import { getT } from "@/lib/i18n/server";
import { openStopToken } from "@/lib/mail/stop-token";
import { Button } from "@/components/ui/button";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> };

/**
 * The "no more reminders" link from a reminder. Opening it changes nothing (mail scanners open links);
 * the button does, as does a mail client's RFC 8058 one-click POST to the same …/now address.
 */
export default async function StopRemindersPage({ params, searchParams }: Props) {
  const [{ token }, query, { t }] = await Promise.all([params, searchParams, getT()]);
  const raw = decodeURIComponent(token);
  if (!openStopToken(raw))
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("mail.stop.title")}</h1>
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
          {t("mail.stop.invalid")}
        </p>
      </>
    );
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("mail.stop.title")}</h1>
      {query.done ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-4 text-green-900">
          {t("mail.stop.confirmed")}
        </p>
      ) : (
        <form
          method="post"
          action={`/mail/stop/${encodeURIComponent(raw)}/now`}
          className="rounded-lg border border-slate-300 bg-white p-6"
        >
          <p className="mb-4">{t("mail.stop.body")}</p>
          <Button type="submit">{t("mail.stop.confirm")}</Button>
        </form>
      )}
    </>
  );
}
