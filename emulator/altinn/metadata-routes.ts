// Access-package metadata API (CONTRACT §6.3), PackagesController of Access Management. Anonymous
// (no [Authorize]); the language comes from Accept-Language (nb default, nn, en).
import type { IncomingMessage } from "node:http";
import type { Emulator } from "../context";
import { parseGuid, sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";
import { AREA_GROUPS, AREAS, PACKAGES, type AccessPackageInfo } from "../data/access-packages";
import { resourcesForPackage } from "../data/resources";
import {
  areaDto,
  areasOfGroup,
  groupDto,
  hasTypeName,
  packageDto,
  packagesOfArea,
  resourceDto,
  text,
  type Lang,
} from "./metadata-dto";

const BASE = "/accessmanagement/api/v1/meta/info/accesspackages";

/** GetLanguageCode: the first Accept-Language tag decides; anything but nn/en is nb. */
export function languageOf(req: IncomingMessage): Lang {
  const first = (req.headers["accept-language"] ?? "").split(",")[0]?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (first === "en" || first.startsWith("en-")) return "en";
  if (first === "nn" || first.startsWith("nn-") || first === "nno") return "nn";
  return "nb";
}

/** Route ids are Guids; a non-GUID fails model binding like any ASP.NET Guid parameter. */
function guidParam(ctx: Ctx): string | null {
  const raw = param(ctx, "id");
  const id = parseGuid(raw);
  if (!id) sendModelErrors(ctx, { id: [`The value '${raw}' is not valid.`] });
  return id;
}

function sendList(ctx: Ctx, items: readonly unknown[]): void {
  if (items.length === 0) return sendEmpty(ctx.res, 204);
  sendJson(ctx.res, 200, items);
}

function searchHits(pkgs: readonly AccessPackageInfo[], term: string, lang: Lang, inResources: boolean) {
  const needle = term.toLowerCase();
  return pkgs
    .flatMap((p) => {
      const fields = [
        { field: "name", value: text(p.name, lang) },
        { field: "description", value: text(p.description, lang) },
        ...(inResources
          ? resourcesForPackage(p.urn).map((r) => ({ field: "resource", value: text(r.title, lang) }))
          : []),
      ].filter((f) => f.value.toLowerCase().includes(needle));
      // A name hit ranks above a description hit (UNCONFIRMED scoring; only the order is emulated).
      const score = fields.reduce((sum, f) => sum + (f.field === "name" ? 2 : 1), 0);
      return fields.length > 0
        ? [
            {
              object: packageDto(p, lang, true),
              score,
              fields: fields.map((f) => ({ ...f, score: f.field === "name" ? 2 : 1 })),
            },
          ]
        : [];
    })
    .sort((a, b) => b.score - a.score);
}

export function registerMetadata(router: Router, _emu: Emulator): void {
  router.get(`${BASE}/export`, (ctx) =>
    sendList(
      ctx,
      AREA_GROUPS.map((g) => groupDto(g, languageOf(ctx.req), true)),
    ),
  );

  router.get(`${BASE}/group`, (ctx) => {
    const lang = languageOf(ctx.req);
    sendJson(
      ctx.res,
      200,
      [...AREA_GROUPS]
        .sort((a, b) => text(a.name, lang).localeCompare(text(b.name, lang), lang))
        .map((g) => groupDto(g, lang, false)),
    );
  });

  router.get(`${BASE}/group/:id`, (ctx) => {
    const id = guidParam(ctx);
    if (!id) return;
    const group = AREA_GROUPS.find((g) => g.id === id);
    if (!group) return sendEmpty(ctx.res, 404);
    sendJson(ctx.res, 200, groupDto(group, languageOf(ctx.req), false));
  });

  router.get(`${BASE}/group/:id/areas`, (ctx) => {
    const id = guidParam(ctx);
    if (!id) return;
    const group = AREA_GROUPS.find((g) => g.id === id);
    if (!group) return sendEmpty(ctx.res, 404);
    sendList(
      ctx,
      areasOfGroup(group).map((a) => areaDto(a, languageOf(ctx.req), { packages: false, group: false })),
    );
  });

  router.get(`${BASE}/area/:id`, (ctx) => {
    const id = guidParam(ctx);
    if (!id) return;
    const area = AREAS.find((a) => a.id === id);
    if (!area) return sendEmpty(ctx.res, 404);
    sendJson(ctx.res, 200, areaDto(area, languageOf(ctx.req), { packages: false, group: true }));
  });

  router.get(`${BASE}/area/:id/packages`, (ctx) => {
    const id = guidParam(ctx);
    if (!id) return;
    const area = AREAS.find((a) => a.id === id);
    if (!area) return sendEmpty(ctx.res, 404);
    sendList(
      ctx,
      packagesOfArea(area).map((p) => packageDto(p, languageOf(ctx.req), false)),
    );
  });

  // Registered before package/{id}/resources so "urn" is never read as a package id.
  router.get(`${BASE}/package/urn/:urnValue`, (ctx) => {
    const value = param(ctx, "urnValue").toLowerCase();
    const matches = PACKAGES.filter((p) => p.urn.toLowerCase().endsWith(value));
    const only = matches.length === 1 ? matches[0] : undefined;
    if (!only) return sendEmpty(ctx.res, 404);
    sendJson(ctx.res, 200, packageDto(only, languageOf(ctx.req), true));
  });

  router.get(`${BASE}/package/:id`, (ctx) => {
    const id = guidParam(ctx);
    if (!id) return;
    const pkg = PACKAGES.find((p) => p.id === id);
    if (!pkg) return sendEmpty(ctx.res, 404);
    sendJson(ctx.res, 200, packageDto(pkg, languageOf(ctx.req), true));
  });

  router.get(`${BASE}/package/:id/resources`, (ctx) => {
    const id = guidParam(ctx);
    if (!id) return;
    const pkg = PACKAGES.find((p) => p.id === id);
    if (!pkg) return sendEmpty(ctx.res, 404);
    sendJson(
      ctx.res,
      200,
      resourcesForPackage(pkg.urn).map((r) => resourceDto(r, languageOf(ctx.req))),
    );
  });

  router.get(`${BASE}/search`, (ctx) => {
    const q = ctx.url.searchParams;
    const term = (q.get("term") ?? "").trim();
    const typeName = q.get("typeName");
    const provider = q.get("resourceProviderCode");
    const pkgs = PACKAGES.filter(
      (p) =>
        (!typeName || hasTypeName(p, typeName)) &&
        (!provider || resourcesForPackage(p.urn).some((r) => r.owner === provider)),
    );
    sendList(ctx, term ? searchHits(pkgs, term, languageOf(ctx.req), q.get("searchInResources") === "true") : []);
  });
}
