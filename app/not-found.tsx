import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getT();
  return (
    <main id="main" className="mx-auto mt-16 max-w-md px-4">
      <h1 className="mb-4 text-2xl font-bold">{t("errors.notFound")}</h1>
      <Link href="/" className="text-brand-700 underline">
        {t("common.back")}
      </Link>
    </main>
  );
}
