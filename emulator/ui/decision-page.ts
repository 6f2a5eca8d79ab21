// Building blocks shared by the customer's confirm pages (standard, agent and change requests):
// the page frame, the person picker with Godkjenn / Avvis / Eskaler, and the logout redirect.
import type { ServerResponse } from "node:http";
import type { Emulator } from "../context";
import { findAccessPackage } from "../data/access-packages";
import { findOrganisation, findPerson, PERSONS } from "../data/entities";
import { esc, messagePage, page } from "../lib/html";
import { redirect, sendHtml } from "../lib/http";
import type { AccessPackageRef, Right } from "../state/schema";

export const LOGGED_OUT = "/authentication/api/v1/logout/handleloggedout";

export const STATUS_NB: Record<string, string> = {
  New: "Ny – venter på svar",
  Accepted: "Godkjent",
  Rejected: "Avvist",
  Denied: "Avslått",
  Timedout: "Utløpt",
  NoChangeNeeded: "Ingen endring nødvendig",
};

export function orgLabel(orgNo: string): string {
  const name = findOrganisation(orgNo)?.name ?? "Ukjent virksomhet";
  return `${esc(name)} (org.nr. ${esc(orgNo)})`;
}

export function packageList(packages: readonly AccessPackageRef[], empty = "Ingen tilgangspakker."): string {
  if (packages.length === 0) return `<p>${esc(empty)}</p>`;
  const items = packages.map(
    (p) =>
      `<li>${esc(findAccessPackage(p.urn)?.name.nb ?? p.urn)} <span class="hint">(<code>${esc(p.urn)}</code>)</span></li>`,
  );
  return `<ul>\n${items.join("\n")}\n</ul>`;
}

export function rightList(rights: readonly Right[]): string {
  const items = rights.flatMap((x) => x.resource.map((p) => `<li><code>${esc(p.value)}</code></li>`));
  return items.length > 0 ? `<ul>\n${items.join("\n")}\n</ul>` : "<p>Ingen enkeltrettigheter.</p>";
}

export interface DecisionView {
  title: string;
  heading: string;
  intro: string;
  /** Rows of the summary list, already escaped. */
  facts: readonly (readonly [string, string])[];
  /** Sections (h2 + content), already escaped. */
  sections: string;
  action: string;
  id: string;
  status: string;
  escalated: boolean;
}

function decisionForm(action: string, id: string): string {
  return `<form method="post" action="${esc(action)}">
<input type="hidden" name="id" value="${esc(id)}">
<label for="personId">Logg inn som / Sign in as</label>
<select id="personId" name="personId">
${PERSONS.map((p) => `<option value="${esc(p.id)}">${esc(p.name)} (${esc(p.id)})</option>`).join("\n")}
</select>
<div class="actions">
<button type="submit" name="decision" value="approve" class="primary">Godkjenn</button>
<button type="submit" name="decision" value="reject" class="secondary">Avvis</button>
<button type="submit" name="decision" value="escalate" class="secondary">Send til tilgangsstyrer</button>
</div>
</form>`;
}

export function renderDecision(v: DecisionView): string {
  const facts = v.facts.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${val}</dd>`).join("\n");
  const decided = v.status !== "New";
  const escalatedNote =
    !decided && v.escalated
      ? `<p class="status" role="status">Forespørselen er sendt til virksomhetens tilgangsstyrere og venter fortsatt på svar.</p>\n`
      : "";
  const tail = decided
    ? `<p class="status" role="status">Forespørselen er allerede behandlet: ${esc(STATUS_NB[v.status] ?? v.status)}.</p>`
    : `${escalatedNote}${decisionForm(v.action, v.id)}`;
  return page(
    v.title,
    `<h1>${esc(v.heading)}</h1>
<p>${v.intro}</p>
<dl>
${facts}
<dt>Status</dt><dd>${esc(STATUS_NB[v.status] ?? v.status)}</dd>
</dl>
${v.sections}
${tail}`,
  );
}

export type FormDecision = "approve" | "reject" | "escalate";

/** The posted decision and person, or null after answering 400. */
export function readDecision(
  res: ServerResponse,
  form: URLSearchParams,
): { decision: FormDecision; personId: string; id: string } | null {
  const decision = form.get("decision");
  const personId = form.get("personId") ?? "";
  if ((decision !== "approve" && decision !== "reject" && decision !== "escalate") || !findPerson(personId)) {
    sendHtml(
      res,
      400,
      messagePage("Ugyldig skjema", "Velg en person og trykk Godkjenn, Avvis eller Send til tilgangsstyrer."),
    );
    return null;
  }
  return { decision, personId, id: (form.get("id") ?? "").toLowerCase() };
}

export function sendNotFound(res: ServerResponse): void {
  sendHtml(res, 404, messagePage("Fant ikke forespørselen", "Forespørselen finnes ikke eller er slettet."));
}

export function sendNotNew(res: ServerResponse): void {
  sendHtml(
    res,
    409,
    messagePage("Allerede behandlet", "Forespørselen er ikke lenger ny og kan ikke endres (AUTH-00013)."),
  );
}

/** Altinn logs the user out after a decision; its logout handler then redirects using this cookie. */
export function redirectViaLogout(emu: Emulator, res: ServerResponse, cookie: string, id: string): void {
  const value = `${cookie}=${encodeURIComponent(id)}; Path=/; HttpOnly; SameSite=Lax`;
  redirect(res, 303, `${emu.publicUrl}${LOGGED_OUT}`, { "set-cookie": value });
}
