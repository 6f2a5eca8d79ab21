// System Register vendor writes after creation (CONTRACT §3.2): PUT (whole), PUT /rights,
// PUT /accesspackages, DELETE (soft) and GET /changelog, each with SystemRegisterController's
// order of checks.
import { z } from "zod";
import type { Emulator } from "../context";
import { bindJson, sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson, sendText } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";
import type { StoredSystem } from "../state/schema";
import { authorize, type Caller } from "./auth";
import { accessPackageInput, normalizeRights, registerSystemInput, rightInput } from "./models";
import { sendValidationProblem, type ValidationError } from "./problems";
import { changelogEntry, changelogFor, requestSnapshot } from "./system-register-changelog";
import { mayWrite, SYSTEM_REGISTER_BASE as BASE, systemFromInput, WRITE_SCOPES } from "./system-register-common";
import { REGISTER_PATHS, validatePackages, validateRights } from "./system-register-grants";
import { validateSystemUpdate } from "./system-register-validation";

const DELETED_TEXT = "Cannot update a system marked as deleted.";
const SUCCEEDED = { succeeded: true };

function findSystem(emu: Emulator, systemId: string): StoredSystem | undefined {
  return emu.store.data.systems.find((s) => s.id === systemId);
}

/**
 * Shared start of PUT /rights and PUT /accesspackages: lookup, ownership, deleted. The real
 * controller dereferences the lookup result without a null check, so an unknown system ends in an
 * unhandled exception (500); the emulator answers 500 with an empty body.
 */
function writableSystem(ctx: Ctx, emu: Emulator, caller: Caller): StoredSystem | null {
  const system = findSystem(emu, param(ctx, "systemId"));
  if (!system) sendEmpty(ctx.res, 500);
  else if (!mayWrite(caller, system.vendorOrgNo)) sendEmpty(ctx.res, 403);
  else if (system.isDeleted) sendText(ctx.res, 400, DELETED_TEXT);
  else return system;
  return null;
}

function replaceSystem(emu: Emulator, next: StoredSystem, entry: ReturnType<typeof changelogEntry>): void {
  emu.store.mutate((d) => {
    d.systems = d.systems.map((s) => (s.internalId === next.internalId ? next : s));
    d.changelog.push(entry);
  });
}

function failOn(ctx: Ctx, errors: readonly ValidationError[]): boolean {
  if (errors.length === 0) return false;
  sendValidationProblem(ctx.res, errors);
  return true;
}

export function registerSystemRegisterUpdates(router: Router, emu: Emulator): void {
  router.add("PUT", `${BASE}/vendor/:systemId`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE_SCOPES);
    if (!caller) return;
    const input = await bindJson(ctx, registerSystemInput, "proposedUpdateToSystem");
    if (!input) return;
    const systemId = param(ctx, "systemId");
    const notFound = `System with ID '${systemId}' not found.`;
    const current = findSystem(emu, systemId);
    if (!current) return sendText(ctx.res, 404, notFound);
    // Ownership is checked against the stored vendor before the body's vendor is compared, so a
    // wrong-vendor guess cannot be told apart from a missing system.
    if (!mayWrite(caller, current.vendorOrgNo)) return sendEmpty(ctx.res, 403);
    if (input.vendor.ID !== `0192:${current.vendorOrgNo}`) return sendText(ctx.res, 404, notFound);
    if (input.id !== systemId)
      return sendValidationProblem(ctx.res, [{ code: "AUTH.VLD-00012", path: REGISTER_PATHS.systemId }]);
    if (current.isDeleted) return sendText(ctx.res, 400, DELETED_TEXT);
    if (failOn(ctx, validateSystemUpdate(input, current, emu.store.data))) return;

    const next = systemFromInput(input, current);
    replaceSystem(emu, next, changelogEntry(emu, caller, "update", current.internalId, requestSnapshot(next)));
    sendJson(ctx.res, 200, SUCCEEDED);
  });

  router.add("PUT", `${BASE}/vendor/:systemId/rights`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE_SCOPES);
    if (!caller) return;
    const input = await bindJson(ctx, z.array(rightInput), "rights");
    if (!input) return;
    const current = writableSystem(ctx, emu, caller);
    if (!current || failOn(ctx, validateRights(input))) return;
    const rights = normalizeRights(input);
    replaceSystem(emu, { ...current, rights }, changelogEntry(emu, caller, "rightsupdate", current.internalId, rights));
    sendJson(ctx.res, 200, SUCCEEDED);
  });

  router.add("PUT", `${BASE}/vendor/:systemId/accesspackages`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE_SCOPES);
    if (!caller) return;
    const input = await bindJson(ctx, z.array(accessPackageInput), "accessPackages");
    if (!input) return;
    const current = writableSystem(ctx, emu, caller);
    // VLD-00018 is judged against the stored isVisible flag.
    if (!current || failOn(ctx, validatePackages(input, current.isVisible))) return;
    const accessPackages = input.map((p) => ({ urn: p.urn ?? "" }));
    replaceSystem(
      emu,
      { ...current, accessPackages },
      changelogEntry(emu, caller, "accesspackageupdate", current.internalId, accessPackages),
    );
    sendJson(ctx.res, 200, SUCCEEDED);
  });

  router.delete(`${BASE}/vendor/:systemId`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE_SCOPES);
    if (!caller) return;
    const current = findSystem(emu, param(ctx, "systemId"));
    if (!current) return sendModelErrors(ctx, { return: ["System not found"] });
    if (!mayWrite(caller, current.vendorOrgNo)) return sendEmpty(ctx.res, 403);
    // Soft delete: the id stays taken (AUTH.VLD-00002) while the client ids are released.
    replaceSystem(
      emu,
      { ...current, isDeleted: true },
      changelogEntry(emu, caller, "delete", current.internalId, null),
    );
    sendJson(ctx.res, 200, SUCCEEDED);
  });

  router.get(`${BASE}/vendor/:systemId/changelog`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE_SCOPES);
    if (!caller) return;
    const systemId = param(ctx, "systemId");
    const system = findSystem(emu, systemId);
    if (!system) return sendText(ctx.res, 404, `System with ID ${systemId} not found.`);
    if (!mayWrite(caller, system.vendorOrgNo)) return sendEmpty(ctx.res, 403);
    sendJson(ctx.res, 200, changelogFor(emu.store.data, system));
  });
}
