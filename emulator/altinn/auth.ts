// Bearer authentication for the Altinn APIs. The emulator plays both Maskinporten and Altinn, so it
// accepts its own raw Maskinporten access tokens and the Altinn tokens /exchange issues from them
// (CONTRACT §2 "Which token goes where": the emulator accepts both).
import type { JWTPayload } from "jose";
import type { Ctx } from "../lib/router";
import { sendEmpty } from "../lib/http";
import { altinnIssuer, bearerToken, orgFromConsumer, scopeSet, verifyEmulatorToken } from "../lib/tokens";
import type { Emulator } from "../context";

export const SCOPES = {
  systemRegisterWrite: "altinn:authentication/systemregister.write",
  systemRegisterAdmin: "altinn:authentication/systemregister.admin",
  requestWrite: "altinn:authentication/systemuser.request.write",
  requestRead: "altinn:authentication/systemuser.request.read",
  maskinportenSystemUserRead: "altinn:maskinporten/systemuser.read",
  portalEndUser: "altinn:portal/enduser",
} as const;

export interface Caller {
  claims: JWTPayload;
  scopes: ReadonlySet<string>;
  /** Vendor org number from `consumer` (`0192:` stripped); null when the claim is absent or malformed. */
  vendorOrgNo: string | null;
}

async function verify(emu: Emulator, header: string | undefined): Promise<Caller | null> {
  const payload = await verifyEmulatorToken(emu, bearerToken(header), [emu.issuer, altinnIssuer(emu)]);
  if (!payload) return null;
  return { claims: payload, scopes: scopeSet(payload), vendorOrgNo: orgFromConsumer(payload.consumer) };
}

/**
 * Runs the ASP.NET authorization step: 401 (empty) without a valid token, 403 (empty) when none of
 * `anyOf` scopes is present. Returns null after answering.
 */
export async function authorize(ctx: Ctx, emu: Emulator, anyOf: readonly string[]): Promise<Caller | null> {
  const caller = await verify(emu, ctx.req.headers.authorization);
  if (!caller) {
    sendEmpty(ctx.res, 401, { "www-authenticate": "Bearer" });
    return null;
  }
  if (!anyOf.some((s) => caller.scopes.has(s))) {
    sendEmpty(ctx.res, 403);
    return null;
  }
  return caller;
}
