// The environment every fresh install has: the vendor and Maskinporten client the emulator knows.
export const LOCAL_ENVIRONMENT = {
  slug: "local",
  name: "Local emulator",
  vendorOrgNo: "991825827",
  clientId: "7e4452de-123c-4f8f-beee-ce30e51c6504",
  scopes: [
    "altinn:authentication/systemregister.write",
    "altinn:authentication/systemuser.request.read",
    "altinn:authentication/systemuser.request.write",
  ],
};

/** The portal's ID-porten client at the emulator (client administrators' login); start.ts registers it. */
export const LOCAL_IDPORTEN_CLIENT_ID = "portal-client-admin";
/** What the client delegation API needs (CONTRACT §5.2). */
export const CLIENT_DELEGATION_SCOPES = ["altinn:clientdelegations.read", "altinn:clientdelegations.write"];

/** Digdir's client admin API scope (CONTRACT §1.7); the emulator's client gets it so keys upload by API. */
export { DIGDIR_WRITE_SCOPE } from "@/lib/integrations/digdir/scope";

/** The emulator's mail catcher (SMTP) listens this far above the emulator's HTTP port. */
export const LOCAL_SMTP_PORT_OFFSET = 15;
export function localMailCatcherPort(emulatorUrl: string): number {
  const u = new URL(emulatorUrl);
  return Number(u.port || (u.protocol === "https:" ? 443 : 80)) + LOCAL_SMTP_PORT_OFFSET;
}
