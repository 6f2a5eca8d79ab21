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

export const pick = (text: LocalizedText | { nb: string; en: string }, locale: Locale) => text[locale];
