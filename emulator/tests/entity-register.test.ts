import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { start } from "./helpers";

// Brønnøysund's open Entity Register path, served from the organisation register, and the control that
// marks an organisation bankrupt, in liquidation, deleted or removed.
let emu: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  emu = await start();
});
afterAll(async () => emu.close());
beforeEach(async () => {
  await fetch(`${emu.url}/emulator/reset`, { method: "POST" });
});

const unit = (orgNo: string) => fetch(`${emu.url}/enhetsregisteret/api/enheter/${orgNo}`);
const mark = (orgNo: string, status: string) =>
  fetch(`${emu.url}/emulator/parties/${orgNo}/status`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status }),
  });

describe("GET /enhetsregisteret/api/enheter/{orgnr}", () => {
  it("answers a known organisation with its name and form, 404 for an unknown one", async () => {
    const res = await unit("310904473");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      organisasjonsnummer: "310904473",
      navn: "Tilfeldig Bakeri AS",
      organisasjonsform: { kode: "AS" },
      konkurs: false,
      underAvvikling: false,
    });
    expect((await unit("380000016")).status).toBe(404);
  });

  it("marks an organisation bankrupt, in liquidation, deleted or removed, and back", async () => {
    expect((await mark("313469999", "bankrupt")).status).toBe(200);
    expect(await (await unit("313469999")).json()).toMatchObject({ konkurs: true });
    await mark("313469999", "liquidation");
    expect(await (await unit("313469999")).json()).toMatchObject({ konkurs: false, underAvvikling: true });
    await mark("313469999", "deleted");
    expect(await (await unit("313469999")).json()).toHaveProperty("slettedato");
    await mark("313469999", "removed");
    expect((await unit("313469999")).status).toBe(410);
    await mark("313469999", "active");
    expect((await unit("313469999")).status).toBe(200);
    expect((await mark("313469998", "bankrupt")).status).toBe(400);
    expect((await mark("313469999", "sleeping")).status).toBe(400);
  });
});
