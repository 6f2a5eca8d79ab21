// A sample service owner API protected by system-user tokens, asking the emulator's PDP. It shows
// how a real service (e.g. Skatteetaten) would combine Maskinporten token checks with Altinn's PDP.
import { jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import type { Emulator } from "../context";
import { readJson } from "../admin/admin-routes";
import { findOrganisation } from "../data/entities";
import { sendJson } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";
import { decide } from "./pdp";

/** Sample datasets by path segment → the Resource Registry resource guarding them. */
const DATASETS: Readonly<Record<string, { resource: string; sample: Record<string, unknown> }>> = {
  skattegrunnlag: {
    resource: "ske-skattegrunnlag",
    sample: {
      inntektsaar: 2025,
      skattegrunnlag: [
        { tekniskNavn: "samletInntekt", beloep: 1250000 },
        { tekniskNavn: "samletGjeld", beloep: 430000 },
      ],
    },
  },
  "mva-melding": {
    resource: "ske-mva-melding",
    sample: { termin: "2025-06", meldingskategori: "alminnelig", fastsattMerverdiavgift: 48250 },
  },
  "a-melding": {
    resource: "nav-a-melding",
    sample: { kalendermaaned: "2025-06", antallInntektsmottakere: 7, status: "mottatt" },
  },
};
const pdpInput = z.strictObject({
  systemUserId: z.string().min(1),
  resource: z.string().min(1),
  orgNo: z.string().min(1),
});

async function verifyMaskinporten(emu: Emulator, ctx: Ctx): Promise<JWTPayload | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "")?.[1];
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, emu.store.signing.publicKey, {
      issuer: emu.issuer,
      algorithms: ["RS256"],
      clockTolerance: 10,
      currentDate: emu.now(),
    });
    return payload;
  } catch {
    return null;
  }
}

/** The first `systemuser_id` of a `urn:altinn:systemuser` authorization_details element. */
function systemUserId(payload: JWTPayload): string | null {
  const details: unknown = payload.authorization_details;
  if (!Array.isArray(details)) return null;
  for (const d of details) {
    if (typeof d !== "object" || d === null || Reflect.get(d, "type") !== "urn:altinn:systemuser") continue;
    const ids: unknown = Reflect.get(d, "systemuser_id");
    if (Array.isArray(ids) && typeof ids[0] === "string") return ids[0];
  }
  return null;
}

export function registerServiceOwner(router: Router, emu: Emulator): void {
  router.get("/serviceowner/api/v1/:dataset/:orgNo", async (ctx) => {
    const dataset = DATASETS[param(ctx, "dataset").toLowerCase()];
    if (!dataset)
      return sendJson(ctx.res, 404, { error: "not_found", reason: `Datasets: ${Object.keys(DATASETS).join(", ")}` });
    const payload = await verifyMaskinporten(emu, ctx);
    if (!payload) {
      return sendJson(
        ctx.res,
        401,
        { error: "invalid_token", reason: "A valid Maskinporten access token from this emulator is required" },
        { "www-authenticate": 'Bearer error="invalid_token"' },
      );
    }
    const orgNo = param(ctx, "orgNo");
    const id = systemUserId(payload);
    if (!id) {
      return sendJson(ctx.res, 403, {
        error: "not_a_system_user_token",
        decision: "NotApplicable",
        reason: "The token carries no urn:altinn:systemuser authorization_details",
      });
    }
    const result = decide(emu.store.data, { systemUserId: id, resource: dataset.resource, orgNo });
    if (result.decision !== "Permit")
      return sendJson(ctx.res, 403, { error: "access_denied", decision: result.decision, reason: result.reason });
    sendJson(ctx.res, 200, { orgNo, name: findOrganisation(orgNo)?.name ?? "", systemUserId: id, ...dataset.sample });
  });

  router.post("/emulator/pdp/decide", async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return;
    const parsed = pdpInput.safeParse(body.value);
    if (!parsed.success) return sendJson(ctx.res, 400, { error: z.prettifyError(parsed.error) });
    sendJson(ctx.res, 200, decide(emu.store.data, parsed.data));
  });
}
