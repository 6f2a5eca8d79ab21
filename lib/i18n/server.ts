import "server-only";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, translator, type Locale } from "@/lib/i18n";

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return value === "en" ? "en" : "nb";
}

export async function getT() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
