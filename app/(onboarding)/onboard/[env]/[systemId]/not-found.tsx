import { getT } from "@/lib/i18n/server";

/** An unknown, deleted or closed system's open page: one 404, so the page tells no one which systems exist. */
export default async function UnknownSystem() {
  const { t } = await getT();
  return <h1 className="text-2xl font-bold">{t("onboard.unknownSystem")}</h1>;
}
