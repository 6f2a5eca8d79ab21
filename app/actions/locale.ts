"use server";
import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/lib/i18n";

export async function switchLocale(form: FormData) {
  const next = form.get("locale") === "en" ? "en" : "nb";
  (await cookies()).set(LOCALE_COOKIE, next, { path: "/", sameSite: "lax", maxAge: 365 * 86_400 });
}
