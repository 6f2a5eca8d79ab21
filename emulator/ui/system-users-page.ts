// Where a customer deletes a system user (the portal's DELETE /systemuser/{party}/{id}, CONTRACT §5.1):
// lists the org's system users with a delete button each. Deleting also soft-deletes the originating
// request, so the vendor may request the same triple again.
import type { Emulator } from "../context";
import { deleteSystemUser } from "../altinn/approval";
import { findOrganisation } from "../data/entities";
import { esc, messagePage, page } from "../lib/html";
import { readForm, redirect, sendHtml } from "../lib/http";
import type { Router } from "../lib/router";
import type { StoredSystemUser } from "../state/schema";
import { orgLabel } from "./decision-page";

const PATH = "/accessmanagement/ui/systemusers";

function row(u: StoredSystemUser, orgNo: string): string {
  const label = `${u.integrationTitle} (${u.userType === "agent" ? "klientsystembruker" : "systembruker"})`;
  return `<tr>
<td>${esc(u.integrationTitle)}</td>
<td><code>${esc(u.systemId)}</code></td>
<td>${u.userType === "agent" ? "Klient (agent)" : "Standard"}</td>
<td>${esc(u.created.slice(0, 10))}</td>
<td><form method="post" action="${PATH}">
<input type="hidden" name="org" value="${esc(orgNo)}">
<input type="hidden" name="id" value="${esc(u.id)}">
<button type="submit" class="secondary" aria-label="${esc(`Slett ${label}`)}">Slett</button>
</form></td>
</tr>`;
}

function render(emu: Emulator, orgNo: string, message: string | null): string {
  const users = emu.store.data.systemUsers.filter((u) => !u.isDeleted && u.reporteeOrgNo === orgNo);
  const table =
    users.length === 0
      ? "<p>Virksomheten har ingen systembrukere.</p>"
      : `<table>
<caption class="hint">Systembrukere for ${orgLabel(orgNo)}</caption>
<thead><tr><th scope="col">Navn</th><th scope="col">System</th><th scope="col">Type</th><th scope="col">Opprettet</th><th scope="col">Handling</th></tr></thead>
<tbody>
${users.map((u) => row(u, orgNo)).join("\n")}
</tbody>
</table>`;
  const status = message ? `<p class="status" role="status">${esc(message)}</p>\n` : "";
  return page(
    `Systembrukere – ${findOrganisation(orgNo)?.name ?? orgNo}`,
    `<h1>Systembrukere</h1>
<p>Systembrukere som handler på vegne av ${orgLabel(orgNo)}.</p>
${status}${table}`,
  );
}

export function registerSystemUsersPage(router: Router, emu: Emulator): void {
  router.get(PATH, ({ url, res }) => {
    const orgNo = url.searchParams.get("org") ?? "";
    if (!findOrganisation(orgNo))
      return sendHtml(res, 404, messagePage("Fant ikke virksomheten", "Organisasjonsnummeret finnes ikke."));
    const deleted = url.searchParams.get("deleted");
    sendHtml(res, 200, render(emu, orgNo, deleted ? `Systembrukeren «${deleted}» er slettet.` : null));
  });

  router.post(PATH, async ({ req, res }) => {
    const form = await readForm(req);
    const orgNo = form.get("org") ?? "";
    const result = deleteSystemUser(emu.store, (form.get("id") ?? "").toLowerCase(), orgNo);
    if (!result.ok && result.code === "AUTH-00035") {
      return sendHtml(
        res,
        400,
        messagePage("Kan ikke slette systembrukeren", "Systembrukeren har fortsatt klienter. Fjern klientene først."),
      );
    }
    if (!result.ok)
      return sendHtml(
        res,
        404,
        messagePage("Fant ikke systembrukeren", "Systembrukeren finnes ikke eller er allerede slettet."),
      );
    const back = new URLSearchParams({ org: orgNo, deleted: result.systemUser.integrationTitle });
    redirect(res, 303, `${emu.publicUrl}${PATH}?${back.toString()}`);
  });
}
