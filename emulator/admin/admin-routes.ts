// Emulator-only admin API under /emulator/ for tests and the portal's start-up script. It has no
// counterpart in Altinn or Maskinporten and the portal itself must never call it.
import { z } from "zod";
import type { Emulator } from "../context";
import { decideRequest, type Decision } from "../altinn/approval";
import { requestResponse } from "../altinn/request-models";
import { problemBody } from "../altinn/problems";
import { ORGANISATIONS, PERSONS, findPerson } from "../data/entities";
import { groupedCalls } from "../lib/control";
import { readText, sendJson } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";
import { validatePublicJwks } from "../maskinporten/jwk-validation";
import type { MaskinportenClient } from "../state/schema";

const clientInput = z.object({
  client_id: z.string().trim().min(1),
  org_no: z.string().regex(/^\d{9}$/, "org_no must be 9 digits"),
  scopes: z.array(z.string().trim().min(1)),
  jwks: z.object({ keys: z.array(z.unknown()) }).optional(),
});

const decisionInput = z.object({ personId: z.string().optional() }).optional();

function publicClient(c: MaskinportenClient): Record<string, unknown> {
  return { client_id: c.clientId, org_no: c.orgNo, scopes: c.scopes, jwks: { keys: c.keys } };
}

export async function readJson(ctx: Ctx): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await readText(ctx.req);
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    sendJson(ctx.res, 400, { error: "Body is not valid JSON" });
    return { ok: false };
  }
}

export function registerAdmin(router: Router, emu: Emulator): void {
  router.get("/emulator/health", ({ res }) => sendJson(res, 200, { ok: true }));

  router.get("/emulator/stats", ({ res }) => {
    const d = emu.store.data;
    sendJson(res, 200, {
      tokenGrants: d.stats.tokenGrants,
      calls: groupedCalls(d.control.calls),
      clients: d.clients.length,
      systems: d.systems.length,
      requests: d.requests.length,
      systemUsers: d.systemUsers.length,
    });
  });

  router.get("/emulator/entities", ({ res }) => sendJson(res, 200, { organisations: ORGANISATIONS, persons: PERSONS }));

  router.post("/emulator/reset", ({ res }) => {
    emu.store.reset();
    sendJson(res, 200, { ok: true });
  });

  router.get("/emulator/maskinporten/clients", ({ res }) =>
    sendJson(res, 200, emu.store.data.clients.map(publicClient)),
  );

  router.post("/emulator/maskinporten/clients", async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return;
    const parsed = clientInput.safeParse(body.value);
    if (!parsed.success) return sendJson(ctx.res, 400, { error: z.prettifyError(parsed.error) });
    const input = parsed.data;
    let keys: MaskinportenClient["keys"] = [];
    if (input.jwks && input.jwks.keys.length > 0) {
      const checked = validatePublicJwks(input.jwks, emu.store.data.clients, input.client_id, true);
      if (!checked.ok) return sendJson(ctx.res, 400, { error: checked.message });
      keys = checked.keys;
    }
    const client = emu.store.mutate((d) => {
      let existing = d.clients.find((c) => c.clientId === input.client_id);
      if (!existing) {
        existing = { clientId: input.client_id, orgNo: input.org_no, scopes: [], keys: [] };
        d.clients.push(existing);
      }
      existing.orgNo = input.org_no;
      existing.scopes = [...new Set(input.scopes)];
      // Keys are merged by kid: a re-sent kid replaces the stored key, others are kept.
      const incoming = new Set(keys.map((k) => k.kid));
      existing.keys = [...existing.keys.filter((k) => !incoming.has(k.kid)), ...keys];
      return existing;
    });
    sendJson(ctx.res, 200, publicClient(client));
  });

  // Key removal, as a vendor does in Digdir's self-service when retiring a key (rotation).
  router.delete("/emulator/maskinporten/clients/:clientId/keys/:kid", (ctx) => {
    const client = emu.store.data.clients.find((c) => c.clientId === param(ctx, "clientId"));
    const kid = param(ctx, "kid");
    if (!client || !client.keys.some((k) => k.kid === kid))
      return sendJson(ctx.res, 404, { error: "Unknown client or kid" });
    emu.store.mutate(() => {
      client.keys = client.keys.filter((k) => k.kid !== kid);
    });
    sendJson(ctx.res, 200, publicClient(client));
  });

  router.delete("/emulator/maskinporten/clients/:clientId", (ctx) => {
    const clientId = param(ctx, "clientId");
    if (!emu.store.data.clients.some((c) => c.clientId === clientId))
      return sendJson(ctx.res, 404, { error: "Unknown client" });
    emu.store.mutate((d) => {
      d.clients = d.clients.filter((c) => c.clientId !== clientId);
    });
    sendJson(ctx.res, 200, { deleted: clientId });
  });

  const decide = (decision: Decision) => async (ctx: Ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return;
    const parsed = decisionInput.safeParse(body.value);
    if (!parsed.success) return sendJson(ctx.res, 400, { error: z.prettifyError(parsed.error) });
    const personId = parsed.data?.personId ?? PERSONS[0]?.id ?? "";
    if (!findPerson(personId)) return sendJson(ctx.res, 400, { error: `Unknown personId ${personId}` });
    const result = decideRequest(emu.store, param(ctx, "id").toLowerCase(), decision, personId);
    if (!result.ok) {
      const body = problemBody(result.code);
      return sendJson(ctx.res, Number(body.status), body, {
        "content-type": "application/problem+json; charset=utf-8",
      });
    }
    sendJson(ctx.res, 200, requestResponse(result.request, emu.publicUrl, emu.now()));
  };
  router.post("/emulator/requests/:id/approve", decide("approve"));
  router.post("/emulator/requests/:id/reject", decide("reject"));
}
