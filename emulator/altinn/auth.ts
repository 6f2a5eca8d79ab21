// Bearer authentication for the Altinn APIs. The emulator plays both Maskinporten and Altinn, so it
// accepts its own Maskinporten access tokens directly (CONTRACT §2 "Which token goes where").
import { jwtVerify, type JWTPayload } from "jose";
import type { Ctx } from "../lib/router";
import { sendEmpty } from "../lib/http";
import type { Emulator } from "../context";

export const SCOPES = {
  systemRegisterWrite: "altinn:authentication/systemregister.write",
  systemRegisterAdmin: "altinn:authentication/systemregister.admin",
  requestWrite: "altinn:authentication/systemuser.request.write",
  requestRead: "altinn:authentication/systemuser.request.read",
} as const;

export interface Caller {
  claims: JWTPayload;
  scopes: ReadonlySet<string>;
  /** Vendor org number from `consumer` (`0192:` stripped); null when the claim is absent or malformed. */
  vendorOrgNo: string | null;
}

function vendorFromConsumer(consumer: unknown): string | null {
  if (typeof consumer !== "object" || consumer === null) return null;
  const authority: unknown = Reflect.get(consumer, "authority");
  const id: unknown = Reflect.get(consumer, "ID");
  if (authority !== "iso6523-actorid-upis" || typeof id !== "string" || !id.startsWith("0192:")) return null;
  const orgNo = id.slice("0192:".length);
  return orgNo.length > 0 ? orgNo : null;
}

async function verify(emu: Emulator, header: string | undefined): Promise<Caller | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!match?.[1]) return null;
  try {
    const { payload } = await jwtVerify(match[1], emu.store.signing.publicKey, {
      issuer: emu.issuer,
      algorithms: ["RS256"],
      clockTolerance: 10,
    });
    const scopes = new Set(typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : []);
    return { claims: payload, scopes, vendorOrgNo: vendorFromConsumer(payload.consumer) };
  } catch {
    return null;
  }
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
