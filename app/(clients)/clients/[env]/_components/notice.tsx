import type { Locale } from "@/lib/i18n";
import { clientsMessage, isSuccessCode } from "@/lib/clients/messages";

/** The outcome of the last post, as a code in the redirect (?message= on success, ?error= on failure). */
export function Notice({ message, error, locale }: { message?: string; error?: string; locale: Locale }) {
  const notice = clientsMessage(message ?? error);
  if (!notice) return null;
  const success = isSuccessCode(message);
  return (
    <p
      role={success ? "status" : "alert"}
      className={`mb-4 rounded-md border p-3 text-sm ${success ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      {notice[locale]}
    </p>
  );
}
