// The customer's page for a change request (…/accessmanagement/ui/systemuser/changerequest?id=):
// shows what is added and removed, with approve, reject and escalate (CONTRACT §4.3, §4.4).
import type { Emulator } from "../context";
import { decideChangeRequest, escalateChangeRequest } from "../altinn/change-request-approval";
import { esc, messagePage } from "../lib/html";
import { readForm, redirect, sendHtml } from "../lib/http";
import type { Router } from "../lib/router";
import type { StoredChangeRequest } from "../state/change-request-schema";
import {
  orgLabel,
  packageList,
  readDecision,
  redirectViaLogout,
  renderDecision,
  rightList,
  sendNotFound,
  sendNotNew,
} from "./decision-page";

const PATH = "/accessmanagement/ui/systemuser/changerequest";

function render(emu: Emulator, c: StoredChangeRequest): string {
  const system = emu.store.data.systems.find((s) => s.id === c.systemId);
  const systemName = system?.name.nb ?? c.systemId;
  const user = emu.store.data.systemUsers.find((u) => u.id === c.systemUserId);
  const sections = [
    `<h2>Tilgangspakker som legges til</h2>\n${packageList(c.requiredAccessPackages, "Ingen.")}`,
    `<h2>Tilgangspakker som fjernes</h2>\n${packageList(c.unwantedAccessPackages, "Ingen.")}`,
    c.requiredRights.length > 0 ? `<h2>Enkeltrettigheter som legges til</h2>\n${rightList(c.requiredRights)}` : "",
    c.unwantedRights.length > 0 ? `<h2>Enkeltrettigheter som fjernes</h2>\n${rightList(c.unwantedRights)}` : "",
  ].filter(Boolean);
  return renderDecision({
    title: `Godkjenn endring av systemtilgang – ${systemName}`,
    heading: "Forespørsel om endring av systemtilgang",
    intro: `Systemet <strong>${esc(systemName)}</strong> ber om å endre tilgangene til systembrukeren for ${orgLabel(c.partyOrgNo)}.`,
    facts: [
      ["System", `${esc(systemName)} (<code>${esc(c.systemId)}</code>)`],
      ["Leverandør", system ? orgLabel(system.vendorOrgNo) : "Ukjent"],
      [
        "Systembruker",
        user ? `${esc(user.integrationTitle)} (<code>${esc(user.id)}</code>)` : `<code>${esc(c.systemUserId)}</code>`,
      ],
    ],
    sections: sections.join("\n"),
    action: PATH,
    id: c.id,
    status: c.status,
    escalated: c.escalated,
  });
}

export function registerChangeConfirmPage(router: Router, emu: Emulator, cookie: string): void {
  router.get(PATH, ({ url, res }) => {
    const id = (url.searchParams.get("id") ?? "").toLowerCase();
    const change = emu.store.data.changeRequests.find((c) => c.id === id && !c.isDeleted);
    if (!change) return sendNotFound(res);
    sendHtml(res, 200, render(emu, change));
  });

  router.post(PATH, async ({ req, res }) => {
    const posted = readDecision(res, await readForm(req));
    if (!posted) return;
    const result =
      posted.decision === "escalate"
        ? escalateChangeRequest(emu.store, posted.id)
        : decideChangeRequest(emu.store, posted.id, posted.decision, posted.personId);
    if (!result.ok && result.code === "AUTH-00015") {
      return sendHtml(
        res,
        404,
        messagePage("Fant ikke systembrukeren", "Systembrukeren som skal endres finnes ikke lenger."),
      );
    }
    if (!result.ok) return result.code === "AUTH-00010" ? sendNotFound(res) : sendNotNew(res);
    if (posted.decision === "escalate")
      return redirect(res, 303, `${emu.publicUrl}${PATH}?id=${result.changeRequest.id}`);
    redirectViaLogout(emu, res, cookie, result.changeRequest.id);
  });
}
