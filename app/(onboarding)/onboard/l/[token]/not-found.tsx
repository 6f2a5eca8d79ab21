import { getT } from "@/lib/i18n/server";

/** A link that is malformed, tampered with, replaced or expired: a 404 that tells the customer what to do. */
export default async function LinkNotFound() {
  const { t } = await getT();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("ob.link.invalid.title")}</h1>
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
        {t("ob.link.invalid.body")}
      </p>
    </>
  );
}
