import Link from "next/link";
import { completeOnboarding } from "@/lib/dal/onboarding";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** Altinn sends the customer back here; the outcome is read from Altinn server-side, never from the URL. */
export default async function CallbackPage({ searchParams }: { searchParams: Promise<{ ref?: string }> }) {
  const [{ ref }, { t, locale }] = await Promise.all([searchParams, getT()]);
  let result: Awaited<ReturnType<typeof completeOnboarding>>;
  try {
    result = await completeOnboarding(ref ?? "");
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("callback.title")}</h1>
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">{err.userMessage[locale]}</p>
      </>
    );
  }
  const vars = { org: result.orgNo, system: result.systemName[locale], status: t(`status.${result.status}`) };
  const key = result.status === "Accepted" || result.status === "Rejected" || result.status === "New" ? `callback.${result.status}` : "callback.other";
  const ok = result.status === "Accepted";
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("callback.title")}</h1>
      <p role="status" data-status={result.status} className={`rounded-md border p-4 ${ok ? "border-green-700 bg-green-50 text-green-900" : "border-amber-700 bg-amber-50 text-amber-950"}`}>
        {t(key, vars)}
      </p>
      {!ok && <p className="mt-4"><Link className="text-brand-700 underline" href={`/onboard/${result.envSlug}/${result.systemId}`}>{t("callback.restart")}</Link></p>}
    </>
  );
}
