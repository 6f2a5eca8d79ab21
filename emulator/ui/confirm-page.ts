// The customer's approval page (am.ui…/accessmanagement/ui/systemuser/request) and Altinn's logout
// redirect (CONTRACT §4.3): after a decision the browser goes via handleloggedout to redirectUrl.
import type { Emulator } from "../context";
import { decideRequest } from "../altinn/approval";
import { findAccessPackage } from "../data/access-packages";
import { findOrganisation, findPerson, PERSONS } from "../data/entities";
import { esc, messagePage, page } from "../lib/html";
import { parseCookies, readForm, redirect, sendHtml } from "../lib/http";
import type { Router } from "../lib/router";
import type { StoredRequest } from "../state/schema";

const PATH = "/accessmanagement/ui/systemuser/request";
const LOGGED_OUT = "/authentication/api/v1/logout/handleloggedout";
const COOKIE = "SystemuserRequestId";

const STATUS_NB: Record<StoredRequest["status"], string> = {
  New: "Ny – venter på svar",
  Accepted: "Godkjent",
  Rejected: "Avvist",
  Denied: "Avslått",
  Timedout: "Utløpt",
};

function orgLabel(orgNo: string): string {
  const name = findOrganisation(orgNo)?.name ?? "Ukjent virksomhet";
  return `${esc(name)} (org.nr. ${esc(orgNo)})`;
}

function renderRequest(emu: Emulator, r: StoredRequest): string {
  const system = emu.store.data.systems.find((s) => s.id === r.systemId);
  const systemName = system?.name.nb ?? r.systemId;
  const packages = r.accessPackages
    .map((p) => `<li>${esc(findAccessPackage(p.urn)?.name.nb ?? p.urn)} <span class="hint">(<code>${esc(p.urn)}</code>)</span></li>`)
    .join("\n");
  const rights = r.rights
    .flatMap((x) => x.resource.map((p) => `<li><code>${esc(p.value)}</code></li>`))
    .join("\n");
  const decided = r.status !== "New";
  const form = `<form method="post" action="${PATH}">
<input type="hidden" name="id" value="${esc(r.id)}">
<label for="personId">Logg inn som / Sign in as</label>
<select id="personId" name="personId">
${PERSONS.map((p) => `<option value="${esc(p.id)}">${esc(p.name)} (${esc(p.id)})</option>`).join("\n")}
</select>
<div class="actions">
<button type="submit" name="decision" value="approve" class="primary">Godkjenn</button>
<button type="submit" name="decision" value="reject" class="secondary">Avvis</button>
</div>
</form>`;
  return page(`Godkjenn systemtilgang – ${systemName}`, `<h1>Forespørsel om systemtilgang</h1>
<p>Systemet <strong>${esc(systemName)}</strong> ber om tilgang til å handle på vegne av ${orgLabel(r.partyOrgNo)}.</p>
<dl>
<dt>System</dt><dd>${esc(systemName)} (<code>${esc(r.systemId)}</code>)</dd>
<dt>Leverandør</dt><dd>${system ? orgLabel(system.vendorOrgNo) : "Ukjent"}</dd>
<dt>Virksomhet som gir tilgang</dt><dd>${orgLabel(r.partyOrgNo)}</dd>
<dt>Status</dt><dd>${esc(STATUS_NB[r.status])}</dd>
</dl>
<h2>Tilgangspakker</h2>
${packages ? `<ul>\n${packages}\n</ul>` : "<p>Ingen tilgangspakker.</p>"}
${rights ? `<h2>Enkeltrettigheter</h2>\n<ul>\n${rights}\n</ul>` : ""}
${decided ? `<p class="status" role="status">Forespørselen er allerede behandlet: ${esc(STATUS_NB[r.status])}.</p>` : form}`);
}

export function registerConfirmPage(router: Router, emu: Emulator): void {
  router.get(PATH, ({ url, res }) => {
    const id = url.searchParams.get("id") ?? "";
    const request = emu.store.data.requests.find((r) => r.id === id.toLowerCase() && !r.isDeleted);
    if (!request) return sendHtml(res, 404, messagePage("Fant ikke forespørselen", "Forespørselen finnes ikke eller er slettet."));
    sendHtml(res, 200, renderRequest(emu, request));
  });

  router.post(PATH, async ({ req, res }) => {
    const form = await readForm(req);
    const decision = form.get("decision");
    const personId = form.get("personId") ?? "";
    if ((decision !== "approve" && decision !== "reject") || !findPerson(personId)) {
      return sendHtml(res, 400, messagePage("Ugyldig skjema", "Velg en person og trykk Godkjenn eller Avvis."));
    }
    const result = decideRequest(emu.store, (form.get("id") ?? "").toLowerCase(), decision, personId);
    if (!result.ok && result.code === "AUTH-00010") {
      return sendHtml(res, 404, messagePage("Fant ikke forespørselen", "Forespørselen finnes ikke eller er slettet."));
    }
    if (!result.ok) {
      return sendHtml(res, 409, messagePage("Allerede behandlet", "Forespørselen er ikke lenger ny og kan ikke endres (AUTH-00013)."));
    }
    // Altinn logs the user out and its logout handler redirects using this cookie.
    const cookie = `${COOKIE}=${encodeURIComponent(result.request.id)}; Path=/; HttpOnly; SameSite=Lax`;
    redirect(res, 303, `${emu.publicUrl}${LOGGED_OUT}`, { "set-cookie": cookie });
  });

  router.get(LOGGED_OUT, ({ req, res }) => {
    const id = parseCookies(req).get(COOKIE);
    // Without the cookie, Altinn falls back to its base URL.
    if (!id) return redirect(res, 302, `${emu.publicUrl}/`);
    const clear = `${COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
    const request = emu.store.data.requests.find((r) => r.id === id);
    if (request?.redirectUrl) {
      // Verbatim: Altinn appends no status or query parameters. Non-ASCII is percent-encoded only
      // because Node refuses raw non-ASCII header values.
      const location = /^[\x21-\x7e]+$/.test(request.redirectUrl) ? request.redirectUrl : new URL(request.redirectUrl).href;
      return redirect(res, 302, location, { "set-cookie": clear });
    }
    const outcome = request ? STATUS_NB[request.status].toLowerCase() : "behandlet";
    sendHtml(res, 200, messagePage("Ferdig", `Forespørselen er ${outcome}. Du kan lukke dette vinduet.`), { "set-cookie": clear });
  });
}
