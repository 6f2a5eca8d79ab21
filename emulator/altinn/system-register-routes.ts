// System Register vendor API (CONTRACT §3.2) under /authentication/api/v1/systemregister.
import { randomUUID } from "node:crypto";
import type { Emulator } from "../context";
import { bindJson } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import { param, type Router } from "../lib/router";
import { authorize, SCOPES, type Caller } from "./auth";
import { normalizeRights, registerSystemInput, toRegisteredSystemDto, toRegisteredSystemResponse } from "./models";
import { sendValidationProblem } from "./problems";
import { validateNewSystem, vendorIdError } from "./system-register-validation";

const BASE = "/authentication/api/v1/systemregister";
const WRITE = [SCOPES.systemRegisterWrite, SCOPES.systemRegisterAdmin];

/** Ownership rule: the token's consumer must be the vendor, unless the caller has the admin scope. */
function mayWrite(caller: Caller, vendorOrgNo: string): boolean {
  return caller.scopes.has(SCOPES.systemRegisterAdmin) || caller.vendorOrgNo === vendorOrgNo;
}

export function registerSystemRegister(router: Router, emu: Emulator): void {
  router.post(`${BASE}/vendor`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE);
    if (!caller) return;
    const input = await bindJson(ctx, registerSystemInput, "registerNewSystem");
    if (!input) return;

    const vendorError = vendorIdError(input);
    if (vendorError) return sendValidationProblem(ctx.res, [vendorError]);
    const errors = validateNewSystem(input, emu.store.data);
    const vendorOrgNo = input.vendor.ID.slice("0192:".length);
    // The controller checks ownership after collecting, but before returning, validation errors.
    if (!mayWrite(caller, vendorOrgNo)) return sendEmpty(ctx.res, 403);
    if (errors.length > 0) return sendValidationProblem(ctx.res, errors);

    const internalId = randomUUID();
    emu.store.mutate((d) => {
      d.systems.push({
        internalId,
        id: input.id,
        vendorOrgNo,
        name: input.name,
        description: input.description,
        rights: normalizeRights(input.rights),
        accessPackages: (input.accessPackages ?? []).map((p) => ({ urn: p.urn ?? "" })),
        clientIds: input.clientId ?? [],
        allowedRedirectUrls: input.allowedRedirectUrls ?? [],
        isVisible: input.isVisible ?? true,
        isDeleted: false,
        created: new Date().toISOString(),
      });
    });
    sendJson(ctx.res, 200, internalId);
  });

  router.get(`${BASE}/vendor`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE);
    if (!caller) return;
    if (!caller.vendorOrgNo) return sendEmpty(ctx.res, 403);
    const systems = emu.store.data.systems.filter((s) => !s.isDeleted && s.vendorOrgNo === caller.vendorOrgNo);
    sendJson(ctx.res, 200, systems.map(toRegisteredSystemDto));
  });

  router.get(`${BASE}/vendor/:systemId`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE);
    if (!caller) return;
    // Soft-deleted systems are still returned, flagged isDeleted (CONTRACT §3.2).
    const system = emu.store.data.systems.find((s) => s.id === param(ctx, "systemId"));
    if (!system) return sendEmpty(ctx.res, 404);
    if (!mayWrite(caller, system.vendorOrgNo)) return sendEmpty(ctx.res, 403);
    sendJson(ctx.res, 200, toRegisteredSystemResponse(system));
  });
}
