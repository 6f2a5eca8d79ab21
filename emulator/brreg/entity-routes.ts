// Brønnøysund's open Entity Register (GET /enhetsregisteret/api/enheter/{orgnr}, brreg/openAPI
// specs/enhetsregisteret.yml), served from the emulator's organisation register, plus a test control
// to mark an organisation bankrupt, under liquidation, deleted (200 with slettedato) or removed (410).
import { z } from "zod";
import type { Emulator } from "../context";
import { findOrganisation, isValidOrgNo } from "../data/entities";
import { sendEmpty, sendJson } from "../lib/http";
import type { Router } from "../lib/router";
import { readJson } from "../admin/admin-routes";

const statusInput = z.strictObject({ status: z.enum(["active", "bankrupt", "liquidation", "deleted", "removed"]) });

function orgForm(name: string): { kode: string; beskrivelse: string } {
  if (/\bENK$/.test(name)) return { kode: "ENK", beskrivelse: "Enkeltpersonforetak" };
  if (/\bSA$/.test(name)) return { kode: "SA", beskrivelse: "Samvirkeforetak" };
  return { kode: "AS", beskrivelse: "Aksjeselskap" };
}

export function registerEntityRegister(router: Router, emu: Emulator): void {
  router.get("/enhetsregisteret/api/enheter/:orgnr", ({ res, params }) => {
    const orgNo = params.orgnr ?? "";
    const name =
      findOrganisation(orgNo)?.name ?? emu.store.data.extraOrganisations.find((o) => o.orgNo === orgNo)?.name;
    if (!name) return sendJson(res, 404, { status: 404, error: "Not Found", message: `Enhet ${orgNo} finnes ikke` });
    const state = emu.store.data.entityStates[orgNo];
    if (state === "removed") return sendEmpty(res, 410);
    sendJson(res, 200, {
      organisasjonsnummer: orgNo,
      navn: name,
      organisasjonsform: orgForm(name),
      registrertIMvaregisteret: false,
      konkurs: state === "bankrupt",
      underAvvikling: state === "liquidation",
      underTvangsavviklingEllerTvangsopplosning: false,
      ...(state === "deleted" ? { slettedato: emu.now().toISOString().slice(0, 10) } : {}),
    });
  });

  router.post("/emulator/parties/:orgNo/status", async (ctx) => {
    const orgNo = ctx.params.orgNo ?? "";
    if (!isValidOrgNo(orgNo))
      return sendJson(ctx.res, 400, { error: "orgNo must be 9 digits with a valid check digit" });
    const body = await readJson(ctx);
    if (!body.ok) return;
    const parsed = statusInput.safeParse(body.value);
    if (!parsed.success) return sendJson(ctx.res, 400, { error: z.prettifyError(parsed.error) });
    const { status } = parsed.data;
    emu.store.mutate((d) => {
      if (status === "active") delete d.entityStates[orgNo];
      else d.entityStates[orgNo] = status;
    });
    sendJson(ctx.res, 200, { orgNo, status });
  });
}
