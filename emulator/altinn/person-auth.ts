// Authentication of a person (end-user APIs such as client delegation, CONTRACT §5.2): an Altinn
// token exchanged from ID-porten carries `pid` and the person's scopes.
import { jwtVerify } from "jose";
import type { Emulator } from "../context";
import { sendEmpty } from "../lib/http";
import type { Ctx } from "../lib/router";
import { altinnIssuer } from "../lib/tokens";

export interface Person {
  pid: string;
  scopes: ReadonlySet<string>;
}

/** 401 (empty) without a valid person token, 403 (empty) when none of `anyOf` scopes is present. */
export async function authorizePerson(ctx: Ctx, emu: Emulator, anyOf: readonly string[]): Promise<Person | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "")?.[1];
  let person: Person | null = null;
  if (token) {
    try {
      const { payload } = await jwtVerify(token, emu.store.signing.publicKey, {
        issuer: altinnIssuer(emu),
        algorithms: ["RS256"],
        clockTolerance: 10,
        currentDate: emu.now(),
      });
      const scopes = new Set(typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : []);
      if (typeof payload.pid === "string") person = { pid: payload.pid, scopes };
    } catch {
      person = null;
    }
  }
  if (!person) {
    sendEmpty(ctx.res, 401, { "www-authenticate": "Bearer" });
    return null;
  }
  if (!anyOf.some((s) => person.scopes.has(s))) {
    sendEmpty(ctx.res, 403);
    return null;
  }
  return person;
}
