import "server-only";
import { env } from "@/lib/core/env";

/** The one redirect URI registered on the portal's ID-porten client; the environment rides in the state cookie. */
export function clientsCallbackUrl(): string {
  return new URL("/clients/callback", env().PORTAL_URL).toString();
}
