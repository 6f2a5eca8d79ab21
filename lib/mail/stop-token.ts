import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/core/env";

// The "send no more reminders" link: the customer's id and an HMAC of it under a key derived from
// NEXTAUTH_SECRET for this one purpose (as the onboarding links' key). It only ever stops mail, so it
// needs no expiry; a forged or changed token is refused.

const key = () => Buffer.from(hkdfSync("sha256", env().NEXTAUTH_SECRET, "systembruker-portal", "mail-stop-v1", 32));
const mac = (customerId: string) => createHmac("sha256", key()).update(customerId).digest("base64url").slice(0, 32);

export const stopToken = (customerId: string) => `${customerId}.${mac(customerId)}`;

export function stopLinkFor(customerId: string): string {
  return new URL(`/mail/stop/${stopToken(customerId)}`, env().PORTAL_URL).toString();
}

/** The customer id the token names, or null when it was not made by us. */
export function openStopToken(token: string): string | null {
  const [id, sig] = token.split(".");
  if (!id || !sig || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const want = Buffer.from(mac(id));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got) ? id : null;
}
