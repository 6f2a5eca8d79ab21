import { switchLocale } from "@/app/actions/locale";
import { getT } from "@/lib/i18n/server";
import { otherLocale } from "@/lib/i18n";

export async function LocaleSwitch() {
  const { t, locale } = await getT();
  const other = otherLocale(locale);
  return (
    <form action={switchLocale}>
      <input type="hidden" name="locale" value={other} />
      <button
        type="submit"
        lang={other}
        className="rounded border border-current px-2 py-1 text-sm underline-offset-2 hover:underline"
      >
        {t("lang.switch")}
      </button>
    </form>
  );
}
