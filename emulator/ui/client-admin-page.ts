// The client administrator's page for an agent system user (Altinn's "Klientadministrasjon"): a
// synthetic person signs in, then adds or removes the facilitator's clients with the API's rules.
import type { Emulator } from "../context";
import {
  addClient,
  availableClients,
  checkClientAdmin,
  delegatedClients,
  removeClient,
  resolveAgent,
  type ClientInfo,
  type DelegationError,
} from "../altinn/client-delegation-service";
import { findOrganisation, findPerson, PERSONS } from "../data/entities";
import { esc, messagePage, page } from "../lib/html";
import { readForm, redirect, sendHtml } from "../lib/http";
import type { Router } from "../lib/router";
import type { StoredSystemUser } from "../state/schema";

const PATH = "/accessmanagement/ui/systemuser/clients";

/** Messages by key, so the redirect carries a key and never text a link could inject. */
const MESSAGES: Record<string, { kind: "status" | "error"; text: string }> = {
  added: { kind: "status", text: "Kunden er lagt til." },
  removed: { kind: "status", text: "Kunden er fjernet." },
  "AUTH-00079": { kind: "error", text: "Fant ikke kunden blant virksomhetens kunder (AUTH-00079)." },
  "AUTH-00080": { kind: "error", text: "Kunden har ikke gitt tilgangspakkene systembrukeren krever (AUTH-00080)." },
  "AUTH-00038": { kind: "error", text: "Kunden var ikke lagt til (AUTH-00038)." },
  "AUTH.VLD-00016": { kind: "error", text: "Velg en kunde (AUTH.VLD-00016)." },
};

function errorKey(error: DelegationError): string {
  return error.kind === "problem" || error.kind === "validation" ? error.code : error.kind;
}

function loginForm(agentId: string): string {
  return `<h1>Klientadministrasjon</h1>
<p>Logg inn for å administrere kundene til systembrukeren.</p>
<form method="get" action="${PATH}">
<input type="hidden" name="agent" value="${esc(agentId)}">
<label for="personId">Logg inn som / Sign in as</label>
<select id="personId" name="personId">
${PERSONS.map((p) => `<option value="${esc(p.id)}">${esc(p.name)} (${esc(p.id)})</option>`).join("\n")}
</select>
<div class="actions"><button type="submit" class="primary">Logg inn</button></div>
</form>`;
}

function clientTable(caption: string, clients: ClientInfo[], hidden: string, action: "add" | "remove"): string {
  if (clients.length === 0) return `<h2>${esc(caption)}</h2>\n<p>Ingen kunder.</p>`;
  const verb = action === "add" ? "Legg til" : "Fjern";
  const rows = clients.map(
    (c) => `<tr><td>${esc(c.clientOrganizationName)}</td><td>${esc(c.clientOrganizationNumber)}</td><td>
<form method="post" action="${PATH}">${hidden}<input type="hidden" name="client" value="${esc(c.clientId)}">
<button type="submit" name="action" value="${action}" class="${action === "add" ? "primary" : "secondary"}" aria-label="${verb} ${esc(c.clientOrganizationName)}">${verb}</button>
</form></td></tr>`,
  );
  return `<h2>${esc(caption)}</h2>
<table>
<thead><tr><th scope="col">Kunde</th><th scope="col">Org.nr.</th><th scope="col">Handling</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
}

function renderClients(emu: Emulator, agent: StoredSystemUser, personId: string, messageKey: string | null): string {
  const hidden = `<input type="hidden" name="agent" value="${esc(agent.id)}"><input type="hidden" name="personId" value="${esc(personId)}">`;
  const delegated = delegatedClients(emu.store.data, agent);
  const taken = new Set(delegated.map((c) => c.clientId));
  const available = availableClients(agent).filter((c) => !taken.has(c.clientId));
  const message = messageKey ? MESSAGES[messageKey] : undefined;
  const banner = message
    ? `<p class="${message.kind}" role="${message.kind === "error" ? "alert" : "status"}">${esc(message.text)}</p>`
    : "";
  const owner = findOrganisation(agent.reporteeOrgNo)?.name ?? agent.reporteeOrgNo;
  return page(
    `Klientadministrasjon – ${agent.integrationTitle}`,
    `<h1>Kunder for systembrukeren ${esc(agent.integrationTitle)}</h1>
${banner}
<dl>
<dt>Virksomhet</dt><dd>${esc(owner)} (org.nr. ${esc(agent.reporteeOrgNo)})</dd>
<dt>Innlogget</dt><dd>${esc(findPerson(personId)?.name ?? personId)}</dd>
<dt>Tilgangspakker</dt><dd>${agent.accessPackages.map((p) => `<code>${esc(p.urn)}</code>`).join(", ") || "Ingen"}</dd>
</dl>
${clientTable("Kunder systembrukeren har tilgang til", delegated, hidden, "remove")}
${clientTable("Tilgjengelige kunder", available, hidden, "add")}`,
  );
}

/** Shared start of GET and POST: agent lookup and the person's client-administration right. */
function guard(
  emu: Emulator,
  agentId: string | null,
  personId: string,
): { agent: StoredSystemUser } | { status: number; html: string } {
  const agent = resolveAgent(emu.store.data, agentId);
  if (!agent.ok)
    return {
      status: 404,
      html: messagePage("Fant ikke systembrukeren", "Systembrukeren finnes ikke eller er ikke en klientsystembruker."),
    };
  if (!findPerson(personId) || checkClientAdmin(personId, agent.value.reporteeOrgNo)) {
    return {
      status: 403,
      html: messagePage("Ingen tilgang", "Du må være klientadministrator eller tilgangsstyrer for virksomheten."),
    };
  }
  return { agent: agent.value };
}

export function registerClientAdminPage(router: Router, emu: Emulator): void {
  router.get(PATH, ({ url, res }) => {
    const agentId = url.searchParams.get("agent") ?? "";
    const personId = url.searchParams.get("personId");
    if (personId === null) return sendHtml(res, 200, page("Klientadministrasjon – logg inn", loginForm(agentId)));
    const checked = guard(emu, agentId, personId);
    if (!("agent" in checked)) return sendHtml(res, checked.status, checked.html);
    sendHtml(res, 200, renderClients(emu, checked.agent, personId, url.searchParams.get("message")));
  });

  router.post(PATH, async ({ req, res }) => {
    const form = await readForm(req);
    const personId = form.get("personId") ?? "";
    const checked = guard(emu, form.get("agent"), personId);
    if (!("agent" in checked)) return sendHtml(res, checked.status, checked.html);
    const { agent } = checked;
    const action = form.get("action");
    if (action !== "add" && action !== "remove")
      return sendHtml(res, 400, messagePage("Ugyldig skjema", "Velg Legg til eller Fjern."));
    const result =
      action === "add"
        ? addClient(emu.store, agent, form.get("client"), emu.now())
        : removeClient(emu.store, agent, form.get("client"));
    const message = result.ok ? (action === "add" ? "added" : "removed") : errorKey(result.error);
    const query = new URLSearchParams({ agent: agent.id, personId, message });
    redirect(res, 303, `${emu.publicUrl}${PATH}?${query.toString()}`);
  });
}
