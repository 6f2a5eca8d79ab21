// The customer's approval pages for standard and agent requests (am.ui…/accessmanagement/ui/systemuser/
// request and …/agentrequest) and Altinn's logout redirect (CONTRACT §4.3): after a decision the
// browser goes via handleloggedout to the stored redirectUrl.
import type { Emulator } from "../context";
import { decideRequest, escalateRequest } from "../altinn/approval";
import { isLive, kindOf, type RequestKind } from "../altinn/request-store";
import { esc, messagePage } from "../lib/html";
import { parseCookies, readForm, redirect, sendHtml } from "../lib/http";
import type { Router } from "../lib/router";
import type { StoredRequest } from "../state/schema";
import { registerChangeConfirmPage } from "./change-confirm-page";
import {
  LOGGED_OUT,
  orgLabel,
  packageList,
  readDecision,
  redirectViaLogout,
  renderDecision,
  rightList,
  sendNotFound,
  sendNotNew,
  STATUS_NB,
} from "./decision-page";
import { registerSystemUsersPage } from "./system-users-page";

const PATHS: Record<RequestKind, string> = {
  standard: "/accessmanagement/ui/systemuser/request",
  agent: "/accessmanagement/ui/systemuser/agentrequest",
};
const COOKIES = {
  standard: "SystemuserRequestId",
  agent: "SystemuserAgentRequestId",
  change: "SystemuserChangeRequestId",
} as const;

function renderRequest(emu: Emulator, r: StoredRequest, kind: RequestKind): string {
  const system = emu.store.data.systems.find((s) => s.id === r.systemId);
  const systemName = system?.name.nb ?? r.systemId;
  const agent = kind === "agent";
  return renderDecision({
    title: `Godkjenn ${agent ? "klienttilgang" : "systemtilgang"} – ${systemName}`,
    heading: agent ? "Forespørsel om systemtilgang for klienter" : "Forespørsel om systemtilgang",
    intro: agent
      ? `Systemet <strong>${esc(systemName)}</strong> ber om å bli en systembruker for ${orgLabel(r.partyOrgNo)}, som deretter kan gi systemet tilgang til sine klienter.`
      : `Systemet <strong>${esc(systemName)}</strong> ber om tilgang til å handle på vegne av ${orgLabel(r.partyOrgNo)}.`,
    facts: [
      ["System", `${esc(systemName)} (<code>${esc(r.systemId)}</code>)`],
      ["Leverandør", system ? orgLabel(system.vendorOrgNo) : "Ukjent"],
      ["Virksomhet som gir tilgang", orgLabel(r.partyOrgNo)],
    ],
    sections: `<h2>Tilgangspakker</h2>\n${packageList(r.accessPackages)}\n${r.rights.length > 0 ? `<h2>Enkeltrettigheter</h2>\n${rightList(r.rights)}` : ""}`,
    action: PATHS[kind],
    id: r.id,
    status: r.status,
    escalated: r.escalated,
  });
}

function registerKind(router: Router, emu: Emulator, kind: RequestKind): void {
  const find = (id: string) => {
    const now = emu.now();
    return emu.store.data.requests.find((r) => r.id === id.toLowerCase() && isLive(r, now) && kindOf(r) === kind);
  };
  router.get(PATHS[kind], ({ url, res }) => {
    const request = find(url.searchParams.get("id") ?? "");
    if (!request) return sendNotFound(res);
    sendHtml(res, 200, renderRequest(emu, request, kind));
  });

  router.post(PATHS[kind], async ({ req, res }) => {
    const posted = readDecision(res, await readForm(req));
    if (!posted) return;
    const now = emu.now();
    const result =
      posted.decision === "escalate"
        ? escalateRequest(emu.store, posted.id, now, kind)
        : decideRequest(emu.store, posted.id, posted.decision, posted.personId, now, kind);
    if (!result.ok) return result.code === "AUTH-00010" ? sendNotFound(res) : sendNotNew(res);
    // Escalation keeps the request open: back to the page, which now says it was escalated.
    if (posted.decision === "escalate")
      return redirect(res, 303, `${emu.publicUrl}${PATHS[kind]}?id=${result.request.id}`);
    redirectViaLogout(emu, res, COOKIES[kind], result.request.id);
  });
}

/** The stored redirectUrl and status for whichever decision cookie is set. */
function decided(
  emu: Emulator,
  cookies: Map<string, string>,
): { name: string; redirectUrl?: string; status?: string } | null {
  const requestId = cookies.get(COOKIES.standard) ?? cookies.get(COOKIES.agent);
  if (requestId) {
    const r = emu.store.data.requests.find((x) => x.id === requestId);
    const name = cookies.has(COOKIES.standard) ? COOKIES.standard : COOKIES.agent;
    return { name, ...(r ? { status: r.status } : {}), ...(r?.redirectUrl ? { redirectUrl: r.redirectUrl } : {}) };
  }
  const changeId = cookies.get(COOKIES.change);
  if (!changeId) return null;
  const c = emu.store.data.changeRequests.find((x) => x.id === changeId);
  return {
    name: COOKIES.change,
    ...(c ? { status: c.status } : {}),
    ...(c?.redirectUrl ? { redirectUrl: c.redirectUrl } : {}),
  };
}

export function registerConfirmPage(router: Router, emu: Emulator): void {
  registerKind(router, emu, "standard");
  registerKind(router, emu, "agent");
  registerChangeConfirmPage(router, emu, COOKIES.change);
  registerSystemUsersPage(router, emu);

  router.get(LOGGED_OUT, ({ req, res }) => {
    const found = decided(emu, parseCookies(req));
    // Without the cookie, Altinn falls back to its base URL.
    if (!found) return redirect(res, 302, `${emu.publicUrl}/`);
    const clear = `${found.name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
    if (found.redirectUrl) {
      // Verbatim: Altinn appends no status or query parameters. Non-ASCII is percent-encoded only
      // because Node refuses raw non-ASCII header values.
      const location = /^[\x21-\x7e]+$/.test(found.redirectUrl) ? found.redirectUrl : new URL(found.redirectUrl).href;
      return redirect(res, 302, location, { "set-cookie": clear });
    }
    const outcome = found.status ? (STATUS_NB[found.status] ?? found.status).toLowerCase() : "behandlet";
    sendHtml(res, 200, messagePage("Ferdig", `Forespørselen er ${outcome}. Du kan lukke dette vinduet.`), {
      "set-cookie": clear,
    });
  });
}
