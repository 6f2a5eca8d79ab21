import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { addSystemUser, call, CLIENT_ADMIN_PID, FACILITATOR_ORG, personToken, PKG } from "./control-helpers";
import { newKey, start } from "./helpers";

const BASE = "/authentication/api/v1/enduser/systemuser";
const CLIENT = "310609544"; // a client of the facilitator with the accountant package

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

describe("deleting an agent system user", () => {
  it("is refused with AUTH-00035 while it has clients, and allowed once they are removed", async () => {
    const agent = addSystemUser(emu, {
      ownerOrgNo: FACILITATOR_ORG,
      userType: "agent",
      packages: [`${PKG}regnskapsforer-med-signeringsrettighet`],
    });
    const admin = await personToken(emu.url, CLIENT_ADMIN_PID, [
      "altinn:clientdelegations.read",
      "altinn:clientdelegations.write",
    ]);
    const available = await call(emu.url, "GET", `${BASE}/clients/available?agent=${agent.id}`, undefined, admin);
    const client = (available.body as { data: { clientId: string; clientOrganizationNumber: string }[] }).data.find(
      (c) => c.clientOrganizationNumber === CLIENT,
    );
    expect(client).toBeDefined();
    const query = `agent=${agent.id}&client=${client?.clientId ?? ""}`;
    expect((await call(emu.url, "POST", `${BASE}/clients?${query}`, undefined, admin)).status).toBe(200);

    const refused = await call(emu.url, "DELETE", `/emulator/systemusers/${agent.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: "AUTH-00035",
      title: "The system user has delegations from customer. Remove the delegations before deleting the system user",
    });

    expect((await call(emu.url, "DELETE", `${BASE}/clients?${query}`, undefined, admin)).status).toBe(200);
    expect((await call(emu.url, "DELETE", `/emulator/systemusers/${agent.id}`)).status).toBe(202);
  });
});

describe("ID-porten clients", () => {
  it("survive a restart with a state file and are cleared by reset", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-idp-"));
    try {
      const stateFile = join(dir, "state.json");
      const first = await start({ stateFile });
      const body = { client_id: "portal", redirect_uris: ["http://127.0.0.1:3000/cb"], scopes: ["openid"] };
      expect((await call(first.url, "POST", "/emulator/idporten/clients", body)).status).toBe(200);
      await first.close();
      const second = await start({ stateFile });
      const listed = await call(second.url, "GET", "/emulator/idporten/clients");
      expect(JSON.stringify(listed.body)).toContain('"portal"');
      await call(second.url, "POST", "/emulator/reset");
      expect((await call(second.url, "GET", "/emulator/idporten/clients")).body).toEqual([]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("client registry keys", () => {
  it("removes one key by kid, then the client, through the admin API", async () => {
    const a = await newKey();
    const b = await newKey();
    const body = {
      client_id: "rotating",
      org_no: "991825827",
      scopes: ["x:y"],
      jwks: { keys: [a.publicJwk, b.publicJwk] },
    };
    expect((await call(emu.url, "POST", "/emulator/maskinporten/clients", body)).status).toBe(200);
    const removed = await call(emu.url, "DELETE", `/emulator/maskinporten/clients/rotating/keys/${a.kid}`);
    expect(removed.status).toBe(200);
    expect((removed.body as { jwks: { keys: { kid: string }[] } }).jwks.keys.map((k) => k.kid)).toEqual([b.kid]);
    expect((await call(emu.url, "DELETE", `/emulator/maskinporten/clients/rotating/keys/${a.kid}`)).status).toBe(404);
    expect((await call(emu.url, "DELETE", "/emulator/maskinporten/clients/rotating")).status).toBe(200);
    expect((await call(emu.url, "DELETE", "/emulator/maskinporten/clients/rotating")).status).toBe(404);
  });
});
