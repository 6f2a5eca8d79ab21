// Pages to read what the catcher caught (/mail, /mail/:id) and the JSON the e2e tests read
// (/emulator/mail). A message's HTML is shown in a sandboxed iframe (no scripts, no same origin), so
// whatever a message holds cannot act on the emulator's pages.
import type { Router } from "../lib/router";
import { esc, page } from "../lib/html";
import { sendEmpty, sendHtml, sendJson } from "../lib/http";
import type { CaughtMail, MailCatcher } from "./catcher";

/** The HTML with its cid: images inlined, so the iframe shows the QR code without another request. */
function inlineCids(m: CaughtMail): string {
  let html = m.html ?? `<pre>${esc(m.text)}</pre>`;
  for (const a of m.attachments)
    if (a.cid) html = html.split(`cid:${a.cid}`).join(`data:${a.contentType};base64,${a.dataBase64}`);
  return html;
}

function listPage(messages: CaughtMail[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${esc(new Date(m.receivedAt).toLocaleString("nb-NO"))}</td><td>${esc(m.to.join(", "))}</td>` +
        `<td><a href="/mail/${esc(m.id)}">${esc(m.subject || "(no subject)")}</a></td></tr>`,
    )
    .join("");
  return page(
    "Mail catcher",
    `<h1>Mail catcher</h1><p class="hint">Every e-mail the portal sent through the local SMTP catcher, newest first.</p>` +
      (messages.length
        ? `<table><thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`
        : `<p>No mail yet.</p>`),
  );
}

function messagePageHtml(m: CaughtMail): string {
  return page(
    m.subject || "Mail",
    `<p><a href="/mail">All mail</a></p><h1>${esc(m.subject)}</h1><dl><dt>From</dt><dd>${esc(m.from)}</dd>` +
      `<dt>To</dt><dd>${esc(m.to.join(", "))}</dd></dl>` +
      `<iframe title="Message" sandbox="" style="width:100%;height:40rem;border:1px solid #6b7280" srcdoc="${esc(inlineCids(m))}"></iframe>` +
      `<h2>Plain text</h2><pre style="white-space:pre-wrap">${esc(m.text)}</pre>`,
  );
}

export function registerMail(router: Router, catcher: MailCatcher): void {
  router.get("/mail", ({ res }) => sendHtml(res, 200, listPage(catcher.messages)));
  router.get("/mail/:id", ({ res, params }) => {
    const m = catcher.messages.find((x) => x.id === params.id);
    if (!m) return sendEmpty(res, 404);
    sendHtml(res, 200, messagePageHtml(m));
  });
  router.get("/emulator/mail", ({ res, url }) => {
    const to = url.searchParams.get("to")?.toLowerCase();
    const list = to ? catcher.messages.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : catcher.messages;
    sendJson(res, 200, { messages: list });
  });
  router.delete("/emulator/mail", ({ res }) => {
    catcher.clear();
    sendEmpty(res, 204);
  });
}
