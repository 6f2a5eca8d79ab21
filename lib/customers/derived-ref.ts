import "server-only";
import { keyedDigest } from "@/lib/core/master-key";
import { externalRefFromBytes } from "@/lib/customers/external-ref";

/**
 * The externalRef of a customer first seen through a request (public page, a request typed by org
 * number). Opaque like a random one, but the same for every attempt: Altinn's create is idempotent per
 * system, org and externalRef, so a retry after a crash between Altinn's answer and our write, or two
 * first requests at once, find the one request instead of making a second.
 */
export function externalRefFor(environmentId: string, orgNo: string): string {
  return externalRefFromBytes(keyedDigest("customer-external-ref", `${environmentId}:${orgNo}`));
}
