import { getT } from "@/lib/i18n/server";

/** A ref we do not know (or that is not a ref at all): a 404 with the same words for every case. */
export default async function CallbackNotFound() {
  const { t } = await getT();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("ob.unknown.title")}</h1>
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
        {t("ob.unknown.body")}
      </p>
    </>
  );
}
