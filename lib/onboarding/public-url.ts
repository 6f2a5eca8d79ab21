import "server-only";
import { env } from "@/lib/core/env";

/** The public page a vendor sends customers to; it needs no portal login. */
export function onboardingLink(envSlug: string, systemId: string): string {
  return new URL(
    `/onboard/${encodeURIComponent(envSlug)}/${encodeURIComponent(systemId)}`,
    env().PORTAL_URL,
  ).toString();
}
