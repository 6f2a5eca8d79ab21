// Synthetic parties (orgs with roles, client relationships and party uuids) and test person tokens.
import { z } from "zod";
import type { Emulator } from "../context";
import { clientsOf, ORGANISATIONS, PERSON_ROLES, PERSONS, partyUuid } from "../data/entities";
import { sendJson } from "../lib/http";
import type { Router } from "../lib/router";
import { signAltinnToken } from "../lib/tokens";
import { readJson } from "./admin-routes";

const personTokenInput = z.strictObject({
  pid: z.string().regex(/^\d{11}$/, "pid must be 11 digits"),
  scopes: z.array(z.string().trim().min(1)),
});

export function partiesBody(): Record<string, unknown> {
  return {
    organisations: ORGANISATIONS.map((o) => ({
      orgNo: o.orgNo,
      name: o.name,
      partyUuid: partyUuid(o.orgNo),
      role: o.role,
      roles: PERSON_ROLES.filter((r) => r.orgNo === o.orgNo).map((r) => ({ pid: r.pid, role: r.role })),
      clients: clientsOf(o.orgNo).map((c) => ({ orgNo: c.clientOrgNo, partyUuid: partyUuid(c.clientOrgNo), packages: c.packages })),
    })),
    persons: PERSONS.map((p) => ({
      id: p.id,
      name: p.name,
      roles: PERSON_ROLES.filter((r) => r.pid === p.id).map((r) => ({ orgNo: r.orgNo, role: r.role })),
    })),
  };
}

export function registerPartyRoutes(router: Router, emu: Emulator): void {
  router.get("/emulator/parties", ({ res }) => sendJson(res, 200, partiesBody()));

  // The same token shape the ID-porten login + /exchange/id-porten path yields, for API tests.
  router.post("/emulator/tokens/person", async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return;
    const parsed = personTokenInput.safeParse(body.value);
    if (!parsed.success) return sendJson(ctx.res, 400, { error: z.prettifyError(parsed.error) });
    const token = await signAltinnToken(emu, {
      pid: parsed.data.pid,
      scope: parsed.data.scopes.join(" "),
      "urn:altinn:authenticatemethod": "idporten",
      "urn:altinn:authlevel": 3,
    });
    sendJson(ctx.res, 200, { token });
  });
}
