import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ORGANISATIONS, isValidOrgNo } from "../data/entities";
import {
  accessToken,
  api,
  CUSTOMER_ORG,
  json,
  newKey,
  postToken,
  registerClient,
  signGrant,
  start,
  systemBody,
  VENDOR_ORG,
} from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("entity register", () => {
  it("has only mod-11 valid organisation numbers", () => {
    expect(ORGANISATIONS.length).toBeGreaterThanOrEqual(10);
    for (const org of ORGANISATIONS) expect(isValidOrgNo(org.orgNo), org.orgNo).toBe(true);
    expect(isValidOrgNo("991825828")).toBe(false);
    expect(ORGANISATIONS.map((o) => o.orgNo)).toEqual(expect.arrayContaining([VENDOR_ORG, CUSTOMER_ORG]));
  });
});

describe("state file and system user tokens", () => {
  it("keeps clients, systems, requests, system users and the signing key across a restart", async () => {
    const stateFile = join(dir, "state.json");
    const key = await newKey();
    const first = await start({ stateFile });
    const client = await registerClient(first.url, key);
    const token = await accessToken(first.url, client);
    const system = systemBody(`${VENDOR_ORG}_persist`, { clientId: [client.clientId] });
    expect((await api(first.url, token, "POST", "/systemregister/vendor", system)).status).toBe(200);
    const created = await json(
      await api(first.url, token, "POST", "/systemuser/request/vendor", {
        systemId: `${VENDOR_ORG}_persist`,
        partyOrgNo: CUSTOMER_ORG,
        accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
      }),
    );
    expect(
      (await fetch(`${first.url}/emulator/requests/${String(created.id)}/approve`, { method: "POST" })).status,
    ).toBe(200);
    await first.close();
    // Let fetch's connection pool notice the closed keep-alive sockets before reusing the origin.
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Same public URL so the old token's issuer still matches.
    const port = new URL(first.url).port;
    const second = await start({ stateFile, port: Number(port) });
    expect((await api(second.url, token, "GET", `/systemregister/vendor/${VENDOR_ORG}_persist`)).status).toBe(200);
    const request = await json(await api(second.url, token, "GET", `/systemuser/request/vendor/${String(created.id)}`));
    expect(request.status).toBe("Accepted");

    const grant = await signGrant(second.url, client, "altinn:authentication/systemuser.request.read", {
      claims: {
        authorization_details: [
          {
            type: "urn:altinn:systemuser",
            systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${CUSTOMER_ORG}` },
          },
        ],
      },
    });
    const res = await postToken(second.url, grant);
    expect(res.status).toBe(200);
    const payload = JSON.parse(
      Buffer.from(String((await json(res)).access_token).split(".")[1] ?? "", "base64url").toString("utf8"),
    );
    expect(payload.authorization_details).toEqual([
      expect.objectContaining({
        type: "urn:altinn:systemuser",
        system_id: `${VENDOR_ORG}_persist`,
        systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${CUSTOMER_ORG}` },
      }),
    ]);

    const wrongRef = await signGrant(second.url, client, "altinn:authentication/systemuser.request.read", {
      claims: {
        authorization_details: [
          {
            type: "urn:altinn:systemuser",
            systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${CUSTOMER_ORG}` },
            externalRef: "nope",
          },
        ],
      },
    });
    const failed = await json(await postToken(second.url, wrongRef));
    expect(failed.error).toBe("invalid_altinn_customer_configuration");
    await second.close();
  });
});

describe("control state persistence", () => {
  it("writes call counts only with the next mutation and keeps faults, clock and delegations across a restart", async () => {
    const stateFile = join(dir, "control.json");
    const stored = () => JSON.parse(readFileSync(stateFile, "utf8")).data;
    const first = await start({ stateFile });
    await fetch(`${first.url}/jwk`);
    await fetch(`${first.url}/jwk`);
    expect(stored().control.calls["GET /jwk 200"]).toBeUndefined();
    first.emulator.store.mutate((d) => {
      d.delegations.push({ agentSystemUserId: "a1", clientOrgNo: "310609544", created: "2026-01-01T00:00:00Z" });
    });
    expect(stored().control.calls["GET /jwk 200"]).toBe(2);
    await fetch(`${first.url}/emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "/jwk", latencyMs: 1 }),
    });
    await fetch(`${first.url}/emulator/clock`, { method: "POST", body: JSON.stringify({ advanceDays: 2 }) });
    await first.close();

    const second = await start({ stateFile });
    const data = second.emulator.store.data;
    expect(data.control.faults).toEqual([{ path: "/jwk", latencyMs: 1, errorRate: 0, status: 503 }]);
    expect(data.control.clockOffsetMs).toBe(2 * 86_400_000);
    expect(data.control.calls["GET /jwk 200"]).toBe(2);
    expect(data.delegations).toEqual([
      { agentSystemUserId: "a1", clientOrgNo: "310609544", created: "2026-01-01T00:00:00Z" },
    ]);
    await second.close();
  });
});
