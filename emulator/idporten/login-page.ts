// The emulator's stand-in for MinID/BankID: the tester picks a synthetic person, or types any synthetic
// national identity number as ID-porten's TestID allows. When the client asked for the `email` scope, the
// page also takes an e-mail address and whether it counts as verified (see token.ts, scopeClaims).
import { PERSONS, findPerson } from "../data/entities";
import { esc, page } from "../lib/html";

/** The authorization request's parameters, carried through the login form as hidden fields. */
export const AUTHORIZE_PARAMS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
];

export type LoginChoice = { pid: string; name?: string; email?: { address: string; verified: boolean } };

const wantsEmail = (q: URLSearchParams) => (q.get("scope") ?? "").split(" ").includes("email");

function emailFields(q: URLSearchParams): string {
  if (!wantsEmail(q)) return "";
  const verified = q.get("email_verified") === "true" ? " checked" : "";
  return `<fieldset>
<legend>E-post (scope email) / E-mail (scope email)</legend>
<p class="hint" id="email-hint">ID-porten selv gir ingen e-post; emulatoren gir den slik Entra ID og Keycloak gjør. Tomt: ingen e-post. / ID-porten itself gives no e-mail; the emulator gives it the way Entra ID and Keycloak do. Empty: no e-mail.</p>
<label for="email">E-postadresse / E-mail address</label>
<input type="email" id="email" name="email" autocomplete="off" aria-describedby="email-hint" value="${esc(q.get("email") ?? "")}">
<div><input type="checkbox" id="email_verified" name="email_verified" value="true"${verified}>
<label for="email_verified" style="display:inline">E-postadressen er bekreftet (email_verified) / The address is verified</label></div>
</fieldset>`;
}

export function loginPage(q: URLSearchParams, error?: string): string {
  const hidden = AUTHORIZE_PARAMS.filter((p) => q.has(p))
    .map((p) => `<input type="hidden" name="${p}" value="${esc(q.get(p) ?? "")}">`)
    .join("\n");
  const chosen = q.get("personId") ?? PERSONS[0]?.id;
  const persons = PERSONS.map(
    (
      p,
      i,
    ) => `<div><input type="radio" id="person-${i}" name="personId" value="${esc(p.id)}"${p.id === chosen ? " checked" : ""}>
<label for="person-${i}" style="display:inline">${esc(p.name)} (${esc(p.id)})</label></div>`,
  ).join("\n");
  return page(
    "Logg inn – ID-porten (emulator)",
    `<h1>Logg inn med ID-porten (testpersoner)</h1>
<p class="hint">Dette er en emulator. Velg en syntetisk person i stedet for MinID eller BankID. / Emulator: choose a synthetic person.</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/idporten/authorize">
${hidden}
<fieldset>
<legend>Velg testperson / Choose a test person</legend>
${persons}
<label for="pid">Eller et annet syntetisk fødselsnummer (TestID) / Or another synthetic national identity number (TestID)</label>
<input type="text" id="pid" name="pid" inputmode="numeric" autocomplete="off" aria-describedby="pid-hint" value="${esc(q.get("pid") ?? "")}">
<p class="hint" id="pid-hint">11 sifre; tomt: personen valgt over. / 11 digits; empty: the person chosen above.</p>
</fieldset>
${emailFields(q)}
<div class="actions">
<button type="submit" class="primary" name="action" value="login">Logg inn / Log in</button>
<button type="submit" class="secondary" name="action" value="cancel">Avbryt / Cancel</button>
</div>
</form>`,
  );
}

/** The person the tester chose, or the message to show on the page again. */
export function readLogin(form: URLSearchParams): { ok: true; choice: LoginChoice } | { ok: false; error: string } {
  const typed = (form.get("pid") ?? "").trim();
  if (typed && !/^\d{11}$/.test(typed)) {
    return { ok: false, error: "Fødselsnummeret må ha 11 sifre. / The national identity number must have 11 digits." };
  }
  const known = findPerson(typed || (form.get("personId") ?? ""));
  const pid = typed || known?.id;
  if (!pid) return { ok: false, error: "Velg en testperson. / Choose a test person." };
  const address = wantsEmail(form) ? (form.get("email") ?? "").trim() : "";
  if (address && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
    return { ok: false, error: "Ugyldig e-postadresse. / Invalid e-mail address." };
  }
  return {
    ok: true,
    choice: {
      pid,
      ...(known ? { name: known.name } : {}),
      ...(address ? { email: { address, verified: form.get("email_verified") === "true" } } : {}),
    },
  };
}
