// Faults, clock and per-route stats under /emulator/ (test controls; no Altinn counterpart).
import { z } from "zod";
import type { Emulator } from "../context";
import type { Router } from "../lib/router";
import { sendJson } from "../lib/http";
import type { Fault } from "../state/control-schema";
import { readJson } from "./admin-routes";
import { registerPartyRoutes } from "./party-routes";

const DAY_MS = 24 * 60 * 60 * 1000;

const faultInput = z.strictObject({
  path: z
    .string()
    .trim()
    .regex(/^\/\S*$/, "path must start with / and contain no spaces"),
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  errorRate: z.number().min(0).max(1).default(0),
  status: z.number().int().min(400).max(599).default(503),
  retryAfterS: z.number().int().min(0).max(86_400).optional(),
  seed: z.number().int().optional(),
});

const clockInput = z
  .strictObject({
    advanceDays: z.number().finite().optional(),
    advanceMs: z.number().int().optional(),
    reset: z.literal(true).optional(),
  })
  .refine((v) => v.advanceDays !== undefined || v.advanceMs !== undefined || v.reset === true, {
    message: "Give advanceDays, advanceMs or reset: true",
  });

const samePath = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function clockBody(emu: Emulator): Record<string, unknown> {
  return { now: emu.now().toISOString(), offsetMs: emu.store.data.control.clockOffsetMs };
}

export function registerControl(router: Router, emu: Emulator): void {
  router.get("/emulator/faults", ({ res }) => sendJson(res, 200, { faults: emu.store.data.control.faults }));

  router.post("/emulator/faults", async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return;
    const parsed = faultInput.safeParse(body.value);
    if (!parsed.success) return sendJson(ctx.res, 400, { error: z.prettifyError(parsed.error) });
    const fault: Fault = parsed.data;
    // One fault per path: posting the same prefix again replaces it.
    emu.store.mutate((d) => {
      d.control.faults = [...d.control.faults.filter((f) => !samePath(f.path, fault.path)), fault];
    });
    sendJson(ctx.res, 200, { faults: emu.store.data.control.faults });
  });

  router.delete("/emulator/faults", ({ url, res }) => {
    const path = url.searchParams.get("path");
    if (path !== null && !emu.store.data.control.faults.some((f) => samePath(f.path, path))) {
      return sendJson(res, 404, { error: `No fault configured for ${path}` });
    }
    emu.store.mutate((d) => {
      d.control.faults = path === null ? [] : d.control.faults.filter((f) => !samePath(f.path, path));
    });
    sendJson(res, 200, { faults: emu.store.data.control.faults });
  });

  router.get("/emulator/clock", ({ res }) => sendJson(res, 200, clockBody(emu)));

  router.post("/emulator/clock", async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return;
    const parsed = clockInput.safeParse(body.value);
    if (!parsed.success) return sendJson(ctx.res, 400, { error: z.prettifyError(parsed.error) });
    const { advanceDays, advanceMs, reset } = parsed.data;
    emu.store.mutate((d) => {
      // reset first, so {"reset": true, "advanceDays": 1} means "one day from real now".
      const base = reset ? 0 : d.control.clockOffsetMs;
      d.control.clockOffsetMs = base + Math.round((advanceDays ?? 0) * DAY_MS) + (advanceMs ?? 0);
    });
    sendJson(ctx.res, 200, clockBody(emu));
  });

  router.delete("/emulator/stats", ({ res }) => {
    emu.store.mutate((d) => {
      d.control.calls = {};
      d.stats.tokenGrants = 0;
    });
    sendJson(res, 200, { ok: true });
  });

  registerPartyRoutes(router, emu);
}
