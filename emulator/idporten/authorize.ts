// ID-porten's authorization endpoint: authorization code flow with PKCE S256 required. The login is
// a page where the tester picks a synthetic person instead of using MinID/BankID (login-page.ts).
import type { Emulator } from "../context";
import { messagePage } from "../lib/html";
import { readForm, redirect, sendHtml } from "../lib/http";
import type { Ctx, Router } from "../lib/router";
import { idportenIssuer } from "../lib/tokens";
import { loginPage, readLogin } from "./login-page";
import type { IdportenRegistry } from "./registry";

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
}

type Checked =
  | { kind: "ok"; req: AuthorizeRequest }
  // Client and redirect_uri problems are shown to the user: redirecting to an unverified URI is unsafe (RFC 6749 §4.1.2.1).
  | { kind: "page"; message: string }
  | { kind: "redirect"; redirectUri: string; state: string | undefined; error: string; description: string };

function check(registry: IdportenRegistry, q: URLSearchParams): Checked {
  const client = registry.clients.get(q.get("client_id") ?? "");
  if (!client) return { kind: "page", message: "Ukjent client_id. / Unknown client_id." };
  const redirectUri = q.get("redirect_uri") ?? "";
  if (!client.redirectUris.includes(redirectUri))
    return {
      kind: "page",
      message: "redirect_uri er ikke registrert på klienten. / redirect_uri is not registered for the client.",
    };
  const state = q.get("state") ?? undefined;
  const fail = (error: string, description: string): Checked => ({
    kind: "redirect",
    redirectUri,
    state,
    error,
    description,
  });
  if (q.get("response_type") !== "code")
    return fail("unsupported_response_type", "Only response_type=code is supported");
  const challenge = q.get("code_challenge") ?? "";
  if (q.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return fail(
      "invalid_request",
      "PKCE is required: code_challenge (43 characters, base64url) with code_challenge_method=S256",
    );
  }
  const scopes = (q.get("scope") ?? "").split(" ").filter(Boolean);
  if (!scopes.includes("openid")) return fail("invalid_scope", "The scope must include openid");
  const unknown = scopes.filter((s) => s !== "openid" && !client.scopes.includes(s));
  if (unknown.length > 0) return fail("invalid_scope", `Scopes not registered for the client: ${unknown.join(" ")}`);
  return {
    kind: "ok",
    req: {
      clientId: client.clientId,
      redirectUri,
      scope: scopes.join(" "),
      state,
      nonce: q.get("nonce") ?? undefined,
      codeChallenge: challenge,
    },
  };
}

function callback(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

export function registerAuthorize(router: Router, emu: Emulator, registry: IdportenRegistry): void {
  // After the form POST the redirect is 303, so the browser follows with GET.
  const answer = (ctx: Ctx, checked: Exclude<Checked, { kind: "ok" }>) => {
    if (checked.kind === "page")
      return sendHtml(ctx.res, 400, messagePage("Ugyldig innloggingsforespørsel", checked.message));
    const { redirectUri, state, error, description } = checked;
    redirect(
      ctx.res,
      ctx.req.method === "POST" ? 303 : 302,
      callback(redirectUri, { error, error_description: description, state, iss: idportenIssuer(emu) }),
    );
  };

  router.get("/idporten/authorize", (ctx) => {
    const checked = check(registry, ctx.url.searchParams);
    if (checked.kind !== "ok") return answer(ctx, checked);
    sendHtml(ctx.res, 200, loginPage(ctx.url.searchParams));
  });

  router.post("/idporten/authorize", async (ctx) => {
    const form = await readForm(ctx.req);
    const checked = check(registry, form);
    if (checked.kind !== "ok") return answer(ctx, checked);
    const { req } = checked;
    if (form.get("action") === "cancel") {
      return answer(ctx, {
        kind: "redirect",
        redirectUri: req.redirectUri,
        state: req.state,
        error: "access_denied",
        description: "The user cancelled the login",
      });
    }
    const login = readLogin(form);
    if (!login.ok) return sendHtml(ctx.res, 400, loginPage(form, login.error));
    const code = registry.issueCode({ ...req, ...login.choice });
    redirect(ctx.res, 303, callback(req.redirectUri, { code, state: req.state, iss: idportenIssuer(emu) }));
  });
}
