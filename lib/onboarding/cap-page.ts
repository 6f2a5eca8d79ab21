import "server-only";
import type { AppError } from "@/lib/core/errors";
import { translator } from "@/lib/i18n";
import { plainPage } from "@/lib/core/plain-page";
import { brandFragments, brandingOfCause } from "@/lib/branding/plain";

/**
 * For the public POST routes: the hourly cap's answer to the customer (429, Retry-After, a page in both
 * languages that works without JavaScript, with the vendor's name, logo and support contact), or null for
 * any other error.
 */
export async function capReachedResponse(err: AppError): Promise<Response | null> {
  if (err.code !== "public_cap") return null;
  const retryAfterS = Math.max(1, Number(err.extra?.retryAfterS) || 60);
  const vars = { minutes: Math.ceil(retryAfterS / 60) };
  const [nb, en] = [translator("nb"), translator("en")];
  return plainPage(
    429,
    {
      nb: { title: nb("cap.title"), body: nb("cap.body", vars) },
      en: { title: en("cap.title"), body: en("cap.body", vars) },
    },
    { "retry-after": String(retryAfterS) },
    brandFragments(await brandingOfCause(err.cause)),
  );
}
