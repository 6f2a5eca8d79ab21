// Portal-scoped System Register reads (CONTRACT §3.2 "Portal endpoints"), used by Altinn's own
// end-user UI. They need `altinn:portal/enduser`; the docs' "open" vendor/{id}/rights does not exist.
import type { Emulator } from "../context";
import { sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import { param, type Router } from "../lib/router";
import type { AttributePair, Right } from "../state/schema";
import { authorize, SCOPES } from "./auth";
import { toRegisteredSystemDto } from "./models";
import { SYSTEM_REGISTER_BASE as BASE } from "./system-register-common";

const PORTAL = [SCOPES.portalEndUser];

/** DelegationHelper.ConvertAppResourceToOldResourceFormat: app_{org}_{app} → urn:altinn:org + urn:altinn:app. */
function toOldAppFormat(resource: readonly AttributePair[]): AttributePair[] {
  return resource.flatMap((pair) => {
    if (pair.id !== "urn:altinn:resource" || !pair.value.startsWith("app_")) return [pair];
    const parts = pair.value.split("_");
    const org = parts[1] ?? "";
    const app = parts.slice(2).join("_");
    if (!org || !app) return [];
    return [
      { id: "urn:altinn:org", value: org },
      { id: "urn:altinn:app", value: app },
    ];
  });
}

/** ASP.NET's bool binder: "true"/"false" in any case; anything else is a model error. */
function parseBool(raw: string | null): boolean | null {
  if (raw === null || raw === "") return false;
  const lower = raw.trim().toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return null;
}

export function registerSystemRegisterPortal(router: Router, emu: Emulator): void {
  const find = (id: string) => emu.store.data.systems.find((s) => s.id === id);

  router.get(BASE, async (ctx) => {
    if (!(await authorize(ctx, emu, PORTAL))) return;
    sendJson(ctx.res, 200, emu.store.data.systems.filter((s) => !s.isDeleted).map(toRegisteredSystemDto));
  });

  router.get(`${BASE}/:systemId`, async (ctx) => {
    if (!(await authorize(ctx, emu, PORTAL))) return;
    const system = find(param(ctx, "systemId"));
    if (!system) return sendEmpty(ctx.res, 404);
    sendJson(ctx.res, 200, toRegisteredSystemDto(system));
  });

  router.get(`${BASE}/:systemId/rights`, async (ctx) => {
    if (!(await authorize(ctx, emu, PORTAL))) return;
    const raw = ctx.url.searchParams.get("useOldFormatForApp");
    const oldFormat = parseBool(raw);
    if (oldFormat === null)
      return sendModelErrors(ctx, { useOldFormatForApp: [`The value '${raw ?? ""}' is not valid.`] });
    // An unknown system has no rights: the service answers an empty list, not 404.
    const rights: Right[] = find(param(ctx, "systemId"))?.rights ?? [];
    sendJson(ctx.res, 200, oldFormat ? rights.map((r) => ({ ...r, resource: toOldAppFormat(r.resource) })) : rights);
  });

  router.get(`${BASE}/:systemId/accesspackages`, async (ctx) => {
    if (!(await authorize(ctx, emu, PORTAL))) return;
    sendJson(ctx.res, 200, find(param(ctx, "systemId"))?.accessPackages ?? []);
  });
}
