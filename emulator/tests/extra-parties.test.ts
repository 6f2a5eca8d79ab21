import { describe, expect, it } from "vitest";
import { api } from "./helpers";
import { create, expectProblem, setupFixture, standardBody } from "./request-fixture";

const fx = setupFixture();
const STANDARD = "/systemuser/request/vendor";
const NEW_ORG = "380000016"; // mod-11 valid, not in the built-in register

const addParties = (organisations: unknown) =>
  fetch(`${fx.emu.url}/emulator/parties`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ organisations }),
  });

describe("POST /emulator/parties", () => {
  it("adds organisations that requests may then name; unknown ones still get AUTH-00000", async () => {
    await expectProblem(
      await api(fx.emu.url, fx.token, "POST", STANDARD, standardBody({ partyOrgNo: NEW_ORG })),
      400,
      "AUTH-00000",
    );
    const res = await addParties([
      { orgNo: NEW_ORG, name: "Bulk Test AS" },
      { orgNo: "310904473", name: "already known" },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ added: 1 });
    const created = await create(fx, STANDARD, standardBody({ partyOrgNo: NEW_ORG }));
    expect(created).toMatchObject({ partyOrgNo: NEW_ORG, status: "New" });
    expect(fx.emu.emulator.store.data.extraOrganisations).toEqual([{ orgNo: NEW_ORG, name: "Bulk Test AS" }]);
  });

  it("refuses a bad check digit or an empty list, adding nothing", async () => {
    const bad = await addParties([{ orgNo: "380000017", name: "X" }]);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("mod-11");
    expect((await addParties([])).status).toBe(400);
    expect(fx.emu.emulator.store.data.extraOrganisations).toEqual([]);
  });
});
