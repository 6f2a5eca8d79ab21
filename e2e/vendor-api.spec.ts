import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { LOCAL_ENVIRONMENT } from "@/lib/environments/local";
import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { emulatorUrl, seedOrganisations } from "./emulator";
import { orgsFor } from "./orgs";
import { decideInAltinn, ensureSigningKey, SYSTEM_TEXTS } from "./steps";

// The vendor's own product, end to end: a key made in the UI, a webhook receiver, a request made through the
// API, the customer's approval in "Altinn", signed events, and a system-user token from the broker that the
// service owner's API accepts.
const [CUSTOMER = ""] = orgsFor("vendor-api", 1);

type Received = { headers: Record<string, string>; body: string };

/** A receiver on loopback (allowed for the Local emulator environment only), recording what arrives. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => server.close() };
}

test("the vendor's product onboards a customer through the API, hears the outcome and gets a token", async ({
  browser,
  baseURL,
  playwright,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Fjordtre Rekneskap AS"]]);
  const admin = await pageAs(browser, base, "admin");
  await ensureSigningKey(admin);

  // 1. An admin makes an API key in the portal; it is shown once.
  await admin.goto("/api-keys");
  await expect(admin.getByRole("heading", { name: "API-nøkler" })).toBeVisible();
  await admin.getByLabel("Navn").fill("ERP e2e");
  await admin.getByRole("checkbox", { name: /tokens:issue/ }).check();
  await admin.getByRole("checkbox", { name: /systems:write/ }).check();
  await admin.getByRole("button", { name: "Lag nøkkel" }).click();
  const shown = admin.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^sbp_test_[A-Za-z0-9]{40}$/);
  const key = (await shown.textContent()) ?? "";
  await expectAccessible(admin);
  const api = await playwright.request.newContext({
    baseURL: `${base}/api/v1/`,
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });

  // 2. The vendor registers its receiver.
  const receiver = await startReceiver();
  const endpoint = await api.post("webhook-endpoints", {
    data: { url: receiver.url, events: ["request.accepted", "systemuser.created"] },
  });
  expect(endpoint.status(), await endpoint.text()).toBe(201);
  const { id: endpointId, secret } = (await endpoint.json()) as { id: string; secret: string };
  expect(secret).toMatch(/^whsec_/);

  // 3. Its system, applied as code: the environment's Maskinporten client goes to this system (Altinn lets
  //    one system hold a client, and tokens name the holder), so whoever held it gives it up first.
  const systems = (await (await api.get("systems?limit=100")).json()) as {
    data: {
      id: string;
      clientIds: string[];
      displayName: object;
      description: object;
      accessPackages: string[];
      rights: string[];
      redirectUrls: string[];
      isVisible: boolean;
    }[];
  };
  for (const s of systems.data.filter((s) => s.clientIds.includes(LOCAL_ENVIRONMENT.clientId))) {
    const { displayName, description, accessPackages, rights, redirectUrls, isVisible } = s;
    const put = await api.put(`systems/${s.id}`, {
      data: { displayName, description, accessPackages, rights, redirectUrls, isVisible, clientIds: [] },
    });
    expect(put.status(), await put.text()).toBe(200);
  }
  const texts = Object.fromEntries(SYSTEM_TEXTS.map(([label, value]) => [label, value]));
  const name = `erp-${Date.now().toString(36)}`;
  const createdSystem = await api.post("systems", {
    data: {
      name,
      displayName: { nb: texts["Navn (bokmål)"], nn: texts["Navn (nynorsk)"], en: texts["Navn (engelsk)"] },
      description: {
        nb: texts["Beskrivelse (bokmål)"],
        nn: texts["Beskrivelse (nynorsk)"],
        en: texts["Beskrivelse (engelsk)"],
      },
      accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
      redirectUrls: [`${base}/onboard/callback`],
      clientIds: [LOCAL_ENVIRONMENT.clientId],
    },
  });
  expect(createdSystem.status(), await createdSystem.text()).toBe(201);
  const system = (await createdSystem.json()) as { id: string; systemId: string };

  // 4. The customer signs up in the vendor's product, which asks for a system user (safely retried).
  const body = { systemId: system.id, orgNo: CUSTOMER };
  const first = await api.post("requests", { data: body, headers: { "idempotency-key": `signup-${CUSTOMER}` } });
  expect(first.status(), await first.text()).toBe(201);
  const request = (await first.json()) as { id: string; status: string; confirmUrl: string };
  expect(request.status).toBe("New");
  const retried = await api.post("requests", { data: body, headers: { "idempotency-key": `signup-${CUSTOMER}` } });
  expect(retried.headers()["idempotent-replayed"]).toBe("true");
  expect(((await retried.json()) as { id: string }).id).toBe(request.id);

  // 5. The customer approves in "Altinn" and comes back to the portal.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(request.confirmUrl);
  await decideInAltinn(customer, "Godkjenn");

  // 6. Signed events arrive: request.accepted and systemuser.created, each verifiable with the secret.
  // (Only this customer's: background jobs may report other specs' customers meanwhile.)
  const ours = () => receiver.received.filter((r) => r.body.includes(CUSTOMER));
  await expect
    .poll(
      () =>
        ours()
          .map((r) => (JSON.parse(r.body) as { type: string }).type)
          .sort(),
      { timeout: 30_000 },
    )
    .toEqual(["request.accepted", "systemuser.created"]);
  const wh = new Webhook(secret);
  for (const r of ours()) {
    expect(r.headers["webhook-signature"]).toMatch(/^v1,/);
    expect(wh.verify(r.body, r.headers)).toMatchObject({ data: expect.anything() });
    // Altered in transit: the signature no longer holds.
    expect(() => wh.verify(r.body.replace(CUSTOMER, "999999999"), r.headers)).toThrow();
  }
  const accepted = ours()
    .map((r) => JSON.parse(r.body) as { type: string; data: { request?: { id: string; status: string } } })
    .find((e) => e.type === "request.accepted");
  expect(accepted?.data.request).toMatchObject({ id: request.id, status: "Accepted" });

  // The admin sees the same deliveries in the portal, and a test event reaches the receiver.
  await admin.goto("/webhooks");
  await admin.getByRole("link", { name: `Åpne ${receiver.url}` }).click();
  const log = admin.getByRole("region", { name: "Leveranser" });
  await expect(log.getByRole("listitem").filter({ hasText: "request.accepted" })).toContainText("Levert");
  await expect(log.getByRole("listitem").filter({ hasText: "systemuser.created" })).toContainText("Levert");
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Send testhendelse" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Testhendelsen kom fram: HTTP 204" })).toBeVisible();
  expect(receiver.received.some((r) => r.body.includes('"webhook.test"'))).toBe(true);

  // 7. The broker hands out the customer's system-user token; the service owner's API accepts it.
  const token = await api.post("tokens", { data: { systemId: system.id, orgNo: CUSTOMER } });
  expect(token.status(), await token.text()).toBe(200);
  expect(token.headers()["cache-control"]).toBe("no-store");
  const { accessToken } = (await token.json()) as { accessToken: string };
  const answer = await fetch(`${emulatorUrl(base)}/serviceowner/api/v1/skattegrunnlag/${CUSTOMER}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(answer.status).toBe(200);
  expect(await answer.text()).toContain(CUSTOMER);

  // 8. The feed has the same events for a consumer catching up.
  const feed = (await (await api.get("events?types=request.accepted,systemuser.created")).json()) as {
    data: { type: string; data: { request?: { id: string } } }[];
  };
  expect(feed.data.some((e) => e.type === "request.accepted" && e.data.request?.id === request.id)).toBe(true);

  expect((await api.delete(`webhook-endpoints/${endpointId}`)).status()).toBe(204);

  // 9. Revoked in the UI, the key stops working at once.
  await admin.goto("/api-keys");
  admin.once("dialog", (d) => void d.accept());
  await admin.getByRole("button", { name: "Trekk tilbake ERP e2e" }).first().click();
  await expect(admin.getByRole("row", { name: /ERP e2e/ })).toContainText("Trukket tilbake");
  const refused = await api.get("events");
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  expect(((await refused.json()) as { code: string }).code).toBe("api_key_revoked");

  receiver.close();
  await api.dispose();
});
