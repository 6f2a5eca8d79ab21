import "server-only";
import { AppError } from "@/lib/core/errors";
import type { EnvironmentView } from "@/lib/environments/types";

/**
 * Redirect URLs: Altinn accepts only absolute https (AUTH.VLD-00005). The local emulator also takes
 * http on loopback hosts so the portal's own callback works on a laptop; tt02 and production never do.
 */
export function isAllowedRedirectUrl(kind: EnvironmentView["kind"], value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return true;
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  return kind === "emulator" && url.protocol === "http:" && loopback;
}

/** Where a human registers the public key: Digdir's self-service, or the emulator's stand-in for it. */
export function selfServiceUrl(e: Pick<EnvironmentView, "kind" | "altinnBaseUrl" | "clientId">): string {
  if (e.kind === "test") return "https://sjolvbetjening.test.samarbeid.digdir.no";
  if (e.kind === "production") return "https://sjolvbetjening.samarbeid.digdir.no";
  return new URL(`/selfservice/clients/${encodeURIComponent(e.clientId)}`, e.altinnBaseUrl).toString();
}

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Where we may send a customer: a confirm URL from Altinn on a host the environment allows (the host
 * has changed before, and a wrong one would hand customers to whoever runs it). https only, except
 * the emulator on loopback. A URL with user info is refused: it makes the host hard to read.
 */
export function isAllowedConfirmUrl(
  environment: Pick<EnvironmentView, "kind" | "confirmUrlHosts">,
  value: string,
): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.username || url.password) return false;
  const schemeOk =
    url.protocol === "https:" ||
    (environment.kind === "emulator" && url.protocol === "http:" && LOOPBACK.includes(url.hostname));
  return schemeOk && environment.confirmUrlHosts.some((h) => h.toLowerCase() === url.host);
}

export function confirmUrlNotAllowed(environment: Pick<EnvironmentView, "name">, value: string) {
  const where = URL.canParse(value) ? new URL(value).origin : value.slice(0, 80);
  return new AppError(
    "confirm_url_not_allowed",
    {
      nb: `Altinn sendte en godkjenningslenke til ${where}, som ikke er tillatt for miljøet «${environment.name}». Ingenting er lagret. Er verten riktig, kan en administrator legge den til under Miljøer → ${environment.name} → Tillatte verter for godkjenningslenker.`,
      en: `Altinn returned a confirm URL on ${where}, which is not allowed for the environment "${environment.name}". Nothing was stored. If the host is right, an admin can add it under Environments → ${environment.name} → Allowed confirm-URL hosts.`,
    },
    502,
  );
}
