import type { LocalizedText } from "@/lib/core/errors";

export type ActionState = {
  ok?: boolean;
  message?: LocalizedText;
  /** Field errors are i18n keys (see lib/i18n). */
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
  result?: Record<string, string>;
};
