// The Date header follows the emulated clock, so a client can measure the skew a moved clock causes.
import { afterEach, describe, expect, it } from "vitest";
import { sharedEmulator } from "./helpers";

const emu = sharedEmulator();
const MINUTES_5 = 5 * 60_000;

const clock = (body: unknown) =>
  fetch(`${emu.url}/emulator/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const dateOf = (res: Response) => Date.parse(res.headers.get("date") ?? "");

afterEach(async () => {
  await clock({ reset: true });
});

describe("Date header", () => {
  it("is the real time while the clock is not moved", async () => {
    const res = await fetch(`${emu.url}/emulator/health`);
    expect(Math.abs(dateOf(res) - Date.now())).toBeLessThan(2_000);
  });

  it("follows POST /emulator/clock on every kind of answer (API, token endpoint, unrouted 404)", async () => {
    expect((await clock({ advanceMs: MINUTES_5 })).status).toBe(200);
    const answers = await Promise.all([
      fetch(`${emu.url}/emulator/health`),
      fetch(`${emu.url}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=x",
      }),
      fetch(`${emu.url}/no/such/path`),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 400, 404]);
    for (const res of answers) {
      expect(Math.abs(dateOf(res) - (Date.now() + MINUTES_5))).toBeLessThan(2_000);
    }
  });
});
