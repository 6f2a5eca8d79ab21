// Tokens without a `consumer` claim (here: an exchanged person token) pass the scope check but carry
// no vendor; each endpoint then answers as its controller does.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, VENDOR_SCOPES } from "./helpers";
import { personToken } from "./control-helpers";
import { agentBody, expectProblem, standardBody, SYSTEM_ID, setupFixture } from "./request-fixture";

const fx = setupFixture();

describe("no consumer in the token", () => {
  it("create gives AUTH-00023; reads, lists and change requests give 401 with an empty body", async () => {
    const token = await personToken(fx.emu.url, "01048012345", VENDOR_SCOPES);
    await expectProblem(
      await api(fx.emu.url, token, "POST", "/systemuser/request/vendor", standardBody()),
      401,
      "AUTH-00023",
    );
    await expectProblem(
      await api(fx.emu.url, token, "POST", "/systemuser/request/vendor/agent", agentBody()),
      401,
      "AUTH-00023",
    );
    const paths = [
      ["GET", `/systemuser/request/vendor/${randomUUID()}`],
      ["GET", `/systemuser/request/vendor/agent/${randomUUID()}`],
      ["GET", `/systemuser/request/vendor/bysystem/${SYSTEM_ID}`],
      ["GET", `/systemuser/request/vendor/agent/byexternalref/${SYSTEM_ID}/310904473/310904473`],
      ["GET", `/systemuser/vendor/bysystem/${SYSTEM_ID}`],
      ["GET", `/systemuser/changerequest/vendor/bysystem/${SYSTEM_ID}`],
      ["DELETE", `/systemuser/changerequest/vendor/${randomUUID()}`],
    ] as const;
    for (const [method, path] of paths) {
      const res = await api(fx.emu.url, token, method, path);
      expect([path, res.status, await res.text()]).toEqual([path, 401, ""]);
    }
    const change = await api(
      fx.emu.url,
      token,
      "POST",
      `/systemuser/changerequest/vendor?correlation-id=${randomUUID()}&system-user-id=${randomUUID()}`,
      { requiredRights: [] },
    );
    expect([change.status, await change.text()]).toEqual([401, ""]);
  });
});
