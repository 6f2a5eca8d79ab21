// A small stand-in for Digdir's self-service portal (CONTRACT §1.7): list Maskinporten clients, paste
// a public JWK or PEM to add a key and remove keys, the way vendors rotate keys in Samarbeidsportalen.
import type { Emulator } from "../context";
import { findOrganisation } from "../data/entities";
import { esc, messagePage, page } from "../lib/html";
import { readForm, redirect, sendHtml } from "../lib/http";
import { param, type Router } from "../lib/router";
import { validatePublicJwks } from "../maskinporten/jwk-validation";
import { normalizeExpiry, parseKeyInput } from "../maskinporten/key-input";
import type { MaskinportenClient, PublicRsaJwk } from "../state/schema";

const BASE = "/selfservice";

function clientPath(clientId: string): string {
  return `${BASE}/clients/${encodeURIComponent(clientId)}`;
}

function renderList(clients: readonly MaskinportenClient[]): string {
  const rows = clients
    .map(
      (c) => `<tr><td><a href="${esc(clientPath(c.clientId))}">${esc(c.clientId)}</a></td>
<td>${esc(findOrganisation(c.orgNo)?.name ?? "")} ${esc(c.orgNo)}</td>
<td>${c.scopes.map((s) => `<code>${esc(s)}</code>`).join(" ")}</td>
<td>${c.keys.map((k) => `<code>${esc(k.kid)}</code>`).join(" ") || "Ingen"}</td></tr>`,
    )
    .join("\n");
  const table = `<table>
<caption class="hint">Registrerte klienter / Registered clients</caption>
<thead><tr><th scope="col">Klient-ID</th><th scope="col">Organisasjon</th><th scope="col">Scopes</th><th scope="col">Nøkler (kid)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  const body = clients.length > 0 ? table : "<p>Ingen klienter er registrert ennå. / No clients registered yet.</p>";
  return page("Maskinporten-klienter", `<h1>Maskinporten-klienter (selvbetjening)</h1>\n${body}`);
}

function keyItem(c: MaskinportenClient, k: PublicRsaJwk): string {
  const expiry = k.expiresAt ? ` – utløper / expires ${esc(k.expiresAt)}` : "";
  return `<li><code>${esc(k.kid)}</code>${expiry}
<form method="post" action="${esc(clientPath(c.clientId))}/keys/${esc(encodeURIComponent(k.kid))}/delete" style="display:inline">
<button type="submit" class="secondary">Fjern ${esc(k.kid)} / Remove</button>
</form></li>`;
}

interface ClientView {
  error?: string;
  added?: string;
  removed?: string;
  draft?: string;
  kid?: string;
  expiresAt?: string;
}

function renderClient(c: MaskinportenClient, opts: ClientView): string {
  const keys = c.keys.map((k) => keyItem(c, k)).join("\n");
  const done = opts.added
    ? `Nøkkel lagt til / Key added: <code>${esc(opts.added)}</code>`
    : opts.removed
      ? `Nøkkel fjernet / Key removed: <code>${esc(opts.removed)}</code>`
      : "";
  const status = done ? `<p class="status" role="status">${done}</p>` : "";
  const error = opts.error ? `<p class="error" id="jwk-error" role="alert">${esc(opts.error)}</p>` : "";
  const describedBy = opts.error ? "jwk-hint jwk-error" : "jwk-hint";
  // The add form comes before the key list so its button is the page's first submit button.
  return page(
    `Klient ${c.clientId}`,
    `<p><a href="${BASE}">Alle klienter / All clients</a></p>
<h1>Klient <code>${esc(c.clientId)}</code></h1>
<dl>
<dt>Organisasjon</dt><dd>${esc(findOrganisation(c.orgNo)?.name ?? "")} (org.nr. ${esc(c.orgNo)})</dd>
<dt>Scopes</dt><dd>${c.scopes.map((s) => `<code>${esc(s)}</code>`).join(" ") || "Ingen"}</dd>
</dl>
<h2>Legg til nøkkel / Add key</h2>
${error}
<form method="post" action="${esc(clientPath(c.clientId))}/keys">
<label for="jwk">Public JWK eller PEM / Public JWK or PEM</label>
<p class="hint" id="jwk-hint">Lim inn en offentlig RSA-nøkkel (minst 2048 bit) som JWK, JWKS eller PEM (-----BEGIN PUBLIC KEY-----) med unik kid. Private nøkler avvises. / Paste a public RSA JWK, JWKS or PEM with a unique kid.</p>
<textarea id="jwk" name="jwk" aria-describedby="${describedBy}"${opts.error ? ' aria-invalid="true"' : ""}>${esc(opts.draft ?? "")}</textarea>
<label for="kid">kid (påkrevd for PEM / required for PEM)</label>
<input type="text" id="kid" name="kid" value="${esc(opts.kid ?? "")}">
<label for="expiresAt">Utløper (UTC, valgfritt) / Expires (UTC, optional)</label>
<input type="datetime-local" id="expiresAt" name="expiresAt" value="${esc(opts.expiresAt ?? "")}">
<div class="actions"><button type="submit" class="primary">Legg til nøkkel / Add key</button></div>
</form>
<h2>Nøkler / Keys</h2>
${status}
${keys ? `<ul>\n${keys}\n</ul>` : "<p>Ingen nøkler. / No keys.</p>"}`,
  );
}

export function registerSelfService(router: Router, emu: Emulator): void {
  const findClient = (id: string) => emu.store.data.clients.find((c) => c.clientId === id);
  const notFound = messagePage("Fant ikke klienten", "Klienten finnes ikke. / Client not found.");

  router.get(BASE, ({ res }) => sendHtml(res, 200, renderList(emu.store.data.clients)));

  router.get(`${BASE}/clients/:clientId`, (ctx) => {
    const client = findClient(param(ctx, "clientId"));
    if (!client) return sendHtml(ctx.res, 404, notFound);
    const added = ctx.url.searchParams.get("added") ?? undefined;
    const shown = added?.split(", ").every((kid) => client.keys.some((k) => k.kid === kid)) ? added : undefined;
    // Only confirm a removal that really happened, as for additions.
    const removed = ctx.url.searchParams.get("removed") ?? undefined;
    const gone = removed && !client.keys.some((k) => k.kid === removed) ? removed : undefined;
    sendHtml(ctx.res, 200, renderClient(client, { added: shown, removed: gone }));
  });

  router.post(`${BASE}/clients/:clientId/keys`, async (ctx) => {
    const client = findClient(param(ctx, "clientId"));
    if (!client) return sendHtml(ctx.res, 404, notFound);
    const form = await readForm(ctx.req);
    const view = { draft: form.get("jwk") ?? "", kid: form.get("kid") ?? "", expiresAt: form.get("expiresAt") ?? "" };
    const input = await parseKeyInput(view.draft, view.kid, normalizeExpiry(view.expiresAt));
    if (!input.ok) return sendHtml(ctx.res, 400, renderClient(client, { ...view, error: input.message }));
    const result = validatePublicJwks(input.value, emu.store.data.clients, client.clientId, false);
    if (!result.ok) return sendHtml(ctx.res, 400, renderClient(client, { ...view, error: result.message }));
    emu.store.mutate(() => {
      client.keys.push(...result.keys);
    });
    // Post/redirect/get, so reloading the page does not re-submit the key.
    const kids = result.keys.map((k) => k.kid).join(", ");
    redirect(ctx.res, 303, `${clientPath(client.clientId)}?added=${encodeURIComponent(kids)}`);
  });

  router.post(`${BASE}/clients/:clientId/keys/:kid/delete`, (ctx) => {
    const client = findClient(param(ctx, "clientId"));
    const kid = param(ctx, "kid");
    if (!client || !client.keys.some((k) => k.kid === kid)) return sendHtml(ctx.res, 404, notFound);
    emu.store.mutate(() => {
      client.keys = client.keys.filter((k) => k.kid !== kid);
    });
    redirect(ctx.res, 303, `${clientPath(client.clientId)}?removed=${encodeURIComponent(kid)}`);
  });
}
