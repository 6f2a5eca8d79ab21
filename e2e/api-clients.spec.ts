// The client administrator's routes under /clients/[env]/ at the HTTP level, without an ID-porten
// session: plain form POSTs that always answer with a page to go to, never with the data.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { alertsIn, expect, expectSeeOther, freshAddress, NO_REDIRECTS, pathOf, test } from "./api";
import { emulatorUrl } from "./emulator";
import { orgsFor } from "./orgs";

// A facilitator org number: valid, so the routes get as far as looking for the login.
const [ORG = ""] = orgsFor("api-clients", 1);
const AGENT = "00000000-0000-4000-8000-0000000000a1";
const CLIENT = "00000000-0000-4000-8000-0000000000c1";
const JOB = "00000000-0000-4000-8000-0000000000b1";
const EXPIRED = "Innloggingen er utløpt. Logg inn igjen med ID-porten.";

async function alertsAt(api: APIRequestContext, location: URL): Promise<string[]> {
  const page = await api.get(pathOf(location));
  expect(page.status(), pathOf(location)).toBe(200);
  expect(page.headers()["content-type"]).toBe("text/html; charset=utf-8");
  return alertsIn(await page.text());
}

function expectBack(res: APIResponse, base: string, pathAndQuery: string): URL {
  const location = expectSeeOther(res, pathAndQuery);
  expect(location.origin).toBe(new URL(base).origin);
  expect(res.headers()["cache-control"]).toBe("no-store");
  return location;
}

test("without a session, every POST goes back to its page saying the login has expired", async ({ anon, baseURL }) => {
  const base = baseURL ?? "";
  const posts: [path: string, form: Record<string, string>, back: string, alert: string][] = [
    [
      "/clients/local/assign",
      { org: ORG, agent: AGENT, client: CLIENT, op: "add" },
      `/clients/local?org=${ORG}&error=client_login_expired`,
      EXPIRED,
    ],
    [
      "/clients/local/assign-all",
      { org: ORG, agent: AGENT },
      `/clients/local?org=${ORG}&error=client_login_expired`,
      EXPIRED,
    ],
    // The job's page asks for a login that comes back to the job.
    ...(["cancel", "continue"] as const).map(
      (action) =>
        [
          `/clients/local/jobs/${JOB}/${action}`,
          { org: ORG },
          `/clients/local/jobs/${JOB}?org=${ORG}&error=client_login_expired`,
          "Innloggingen er utløpt. Logg inn igjen for å fortsette; ingen klienter er tapt.",
        ] as [string, Record<string, string>, string, string],
    ),
  ];
  for (const [path, form, back, alert] of posts) {
    const res = await anon.post(path, { form, ...NO_REDIRECTS });
    expect(await alertsAt(anon, expectBack(res, base, back)), path).toEqual([alert]);
  }

  // Logging out without a session still clears the cookie and goes back.
  const logout = await anon.post("/clients/local/logout", { form: { org: ORG }, ...NO_REDIRECTS });
  expectBack(logout, base, `/clients/local?org=${ORG}`);
  expect(logout.headers()["set-cookie"]).toBe("clients_session=; Path=/clients; Expires=Thu, 01 Jan 1970 00:00:00 GMT");

  // The job report's poller gets JSON, not a page.
  const progress = await anon.get(`/clients/local/jobs/${JOB}/progress?org=${ORG}`);
  expect(progress.status()).toBe(401);
  expect(progress.headers()).toMatchObject({ "content-type": "application/json", "cache-control": "no-store" });
  expect(await progress.json()).toEqual({ error: "client_login_expired" });
});

test("bad input goes back with a code the page explains; another site's form is refused", async ({ anon, baseURL }) => {
  const base = baseURL ?? "";
  const invalid = "Ugyldige opplysninger.";
  const badOrg = await anon.post("/clients/local/assign", {
    form: { org: "123", agent: AGENT, client: CLIENT, op: "add" },
    ...NO_REDIRECTS,
  });
  expect(await alertsAt(anon, expectBack(badOrg, base, "/clients/local?error=invalid_input"))).toEqual([invalid]);
  const badOp = await anon.post("/clients/local/assign", {
    form: { org: ORG, agent: AGENT, client: CLIENT, op: "steal" },
    ...NO_REDIRECTS,
  });
  expect(await alertsAt(anon, expectBack(badOp, base, `/clients/local?org=${ORG}&error=invalid_input`))).toEqual([
    invalid,
  ]);
  const badAgent = await anon.post("/clients/local/assign-all", { form: { org: ORG, agent: "x" }, ...NO_REDIRECTS });
  expectBack(badAgent, base, `/clients/local?org=${ORG}&error=invalid_input`);
  const noOrg = await anon.post(`/clients/local/jobs/${JOB}/cancel`, { form: { org: "" }, ...NO_REDIRECTS });
  expect(await alertsAt(anon, expectBack(noOrg, base, "/clients/local?error=invalid_org_no"))).toEqual([
    "Organisasjonsnummeret må være 9 siffer med gyldig kontrollsiffer.",
  ]);

  // No form body at all: back with the same code, not a server error.
  const noBody = await anon.post("/clients/local/assign", NO_REDIRECTS);
  expectBack(noBody, base, "/clients/local?error=invalid_input");
  // An environment nobody configured is not found, like its page.
  const unknownEnv = await anon.post("/clients/no-such-env/assign-all", {
    form: { org: ORG, agent: AGENT },
    ...NO_REDIRECTS,
  });
  expect(unknownEnv.status()).toBe(404);

  // The Origin check: a form posted from another site gets a bare 403, whatever it carries.
  for (const path of [
    "/clients/local/assign",
    "/clients/local/assign-all",
    "/clients/local/logout",
    `/clients/local/jobs/${JOB}/cancel`,
    `/clients/local/jobs/${JOB}/continue`,
  ]) {
    const res = await anon.post(path, {
      form: { org: ORG, agent: AGENT, client: CLIENT, op: "add" },
      headers: { origin: "https://evil.example" },
      ...NO_REDIRECTS,
    });
    expect(res.status(), path).toBe(403);
    expect(res.headers()["content-type"], path).toBe("text/plain;charset=UTF-8");
    expect(await res.text(), path).toBe("Forbidden");
    expect(res.headers()["set-cookie"], path).toBeUndefined();
  }
});

test("login starts ID-porten with PKCE in a sealed cookie; a callback nobody started, or with another state, is refused", async ({
  anon,
  baseURL,
}) => {
  const base = baseURL ?? "";
  // Coming back from ID-porten without having started here: nothing to continue.
  const stray = await anon.get("/clients/callback?code=x&state=y", NO_REDIRECTS);
  expect(stray.status()).toBe(400);
  expect(stray.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(await stray.text()).toBe(
    "Innloggingen er utløpt eller ble ikke startet her. Start på nytt fra klientsiden. / The login expired or was not started here. Start again from the clients page.",
  );

  const bad = await anon.get("/clients/local/login?org=123", NO_REDIRECTS);
  expect(await alertsAt(anon, expectBack(bad, base, "/clients/local?error=invalid_org_no"))).toEqual([
    "Organisasjonsnummeret må være 9 siffer med gyldig kontrollsiffer.",
  ]);

  const login = await anon.get(`/clients/local/login?org=${ORG}`, NO_REDIRECTS);
  expect(login.status()).toBe(303);
  const authorize = new URL(login.headers()["location"] ?? "");
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${emulatorUrl(base)}/idporten/authorize`);
  expect(Object.fromEntries(authorize.searchParams)).toEqual({
    response_type: "code",
    client_id: "portal-client-admin",
    redirect_uri: `${base}/clients/callback`,
    scope: "openid altinn:clientdelegations.read altinn:clientdelegations.write",
    state: expect.stringMatching(/^[\w-]{32}$/),
    nonce: expect.stringMatching(/^[\w-]{32}$/),
    code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    code_challenge_method: "S256",
  });
  expect(login.headers()["set-cookie"]).toMatch(
    /^clients_login=v2\.[\w.-]+; Path=\/clients; Expires=[^;]+; Max-Age=600; HttpOnly; SameSite=lax$/,
  );

  // The login cookie is kept (this context stores cookies); a return with another state fails the login.
  const forged = await anon.get(
    `/clients/callback?code=x&state=not-${authorize.searchParams.get("state")}`,
    NO_REDIRECTS,
  );
  expect(
    await alertsAt(anon, expectBack(forged, base, `/clients/local?org=${ORG}&error=idporten_login_failed`)),
  ).toEqual(["Innloggingen med ID-porten mislyktes. Prøv igjen."]);
});

test("the client routes share one rate limit per client: 429 with Retry-After", async ({
  anon,
  playwright,
  baseURL,
}) => {
  let allowed = 0;
  let limited: APIResponse | undefined;
  while (!limited && allowed < 100) {
    const res = await anon.post("/clients/local/assign", { form: { org: "123" }, ...NO_REDIRECTS });
    if (res.status() === 429) limited = res;
    else {
      expect(res.status()).toBe(303);
      allowed++;
    }
  }
  expect(allowed).toBeGreaterThanOrEqual(20);
  const retryAfter = limited?.headers()["retry-after"] ?? "";
  // Fixed one-minute windows shared by every process: the wait is what is left of the window.
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  expect(limited?.headers()["content-type"]).toBe("text/html; charset=utf-8");
  expect(await limited?.text()).toContain(`Vent ${retryAfter} sekunder og prøv igjen.`);
  // The login and the other routes count against the same limit; another client does not.
  expect((await anon.get(`/clients/local/login?org=${ORG}`, NO_REDIRECTS)).status()).toBe(429);
  const other = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": freshAddress() },
  });
  expect((await other.get(`/clients/local/login?org=${ORG}`, NO_REDIRECTS)).status()).toBe(303);
  await other.dispose();
});
