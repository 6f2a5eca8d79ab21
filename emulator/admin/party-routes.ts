// Synthetic parties (orgs with roles, client relationships and party uuids) and test person tokens.
import { z } from "zod";
import type { Emulator } from "../context";
import { clientsOf, isValidOrgNo, ORGANISATIONS, PERSON_ROLES, PERSONS, partyUuid } from "../data/entities";
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
      clients: clientsOf(o.orgNo).map((c) => ({
        orgNo: c.clientOrgNo,
        partyUuid: partyUuid(c.clientOrgNo),
        packages: c.packages,
      })),
    })),
    persons: PERSONS.map((p) => ({
      id: p.id,
      name: p.name,
      roles: PERSON_ROLES.filter((r) => r.pid === p.id).map((r) => ({ orgNo: r.orgNo, role: r.role })),
    })),
  };
}

const addOrganisationsInput = z.strictObject({
  organisations: z
    .array(
      z.strictObject({
        orgNo: z.string().refine(isValidOrgNo, "orgNo must be 9 digits with a valid mod-11 check digit"),
        name: z.string().trim().min(1).max(200),
      }),
    )
    .min(1)
    .max(10_000),
});

export function registerPartyRoutes(router: Router, emu: Emulator): void {
  router.get("/emulator/parties", ({ res }) => sendJson(res, 200, partiesBody()));

  // Adds plain customer organisations (no roles, no clients) so tests and benchmarks can onboard
  // hundreds of customers; tt02's Tenor gives a vendor such test organisations.
  router.post("/emulator/parties", async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return;
    const parsed = addOrganisationsInput.safeParse(body.value);
    if (!parsed.success) return sendJson(ctx.res, 400, { error: parsed.error.issues.map((i) => i.message).join("; ") });
    const added = emu.store.mutate((d) => {
      const known = new Set([...ORGANISATIONS.map((o) => o.orgNo), ...d.extraOrganisations.map((o) => o.orgNo)]);
      const fresh = parsed.data.organisations.filter((o) => !known.has(o.orgNo) && known.add(o.orgNo));
      d.extraOrganisations.push(...fresh);
      return fresh.length;
    });
    sendJson(ctx.res, 200, { added });
  });

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
