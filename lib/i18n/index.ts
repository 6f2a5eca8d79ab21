import { nb } from "@/lib/i18n/nb";
import { en } from "@/lib/i18n/en";
import type { LocalizedText } from "@/lib/core/errors";

export type Locale = "nb" | "en";
export type MessageKey = keyof typeof nb;
export const LOCALE_COOKIE = "lang";
const dictionaries: Record<Locale, Record<MessageKey, string>> = { nb, en };

export function isMessageKey(key: string): key is MessageKey {
  return key in nb;
}

export function translator(locale: Locale) {
  const dict = dictionaries[locale];
  return (key: MessageKey | string, vars: Record<string, string | number> = {}) => {
    const template = isMessageKey(key) ? dict[key] : key;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
}
export type Translate = ReturnType<typeof translator>;

/** The tag for dates and numbers: Norwegian for bokmål, British English (day before month) for English. */
const FORMAT_LOCALES = { nb: "nb-NO", en: "en-GB" } as const satisfies Record<Locale, string>;
export const dateLocale = (locale: Locale) => FORMAT_LOCALES[locale];

/** The language the switch offers: the one not shown now. */
export const otherLocale = (locale: Locale): Locale => (locale === "nb" ? "en" : "nb");

export const pick = (text: LocalizedText | { nb: string; en: string }, locale: Locale) => text[locale];
