import { z } from "zod";
import { afterCursor, page } from "@/lib/api/keyset";
import { created, defineOperation, ok } from "@/lib/api/operation";
import { ListQuery, pageOf } from "@/lib/api/pagination";
import { applySystemDefinition } from "@/lib/systems/apply";
import { createSystem } from "@/lib/systems/create";
import { getSystem, listSystemPage } from "@/lib/systems/queries";
import { SystemResourceSchema, systemResource } from "@/lib/systems/resource";

const text = (max: number) => z.string().trim().min(1, "errors.required").max(max, "errors.tooLong");
const texts = (max: number) => z.object({ nb: text(max), nn: text(max), en: text(max) });

/** What a vendor keeps as code and applies: everything about a system except its name. */
const SystemDefinition = z
  .object({
    displayName: texts(100).describe("The name customers see in Altinn."),
    description: texts(1000),
    accessPackages: z.array(z.string()).min(1, "errors.packageRequired").max(50).describe("Access package URNs."),
    rights: z.array(z.string()).max(50).default([]).describe("Single rights by resource id; none if left out."),
    redirectUrls: z
      .array(z.string().url("api.errors.url"))
      .min(1, "errors.required")
      .max(20, "sysreg.redirectTooMany")
      .describe("Absolute https URLs customers may be sent back to; the first is the default."),
    clientIds: z.array(z.string()).max(10).default([]).describe("Maskinporten client ids; one system per client."),
    isVisible: z.boolean().default(false).describe("List the system in Altinn's system picker."),
  })
  .meta({ id: "SystemDefinition" });

const SystemCreate = SystemDefinition.extend({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "errors.systemName")
    .describe("Short name: the system id becomes `{vendorOrgNo}_{name}`. Cannot be changed later."),
}).meta({ id: "SystemCreate" });

const IdParam = z.object({
  id: z.string().min(1).max(200).describe("The portal's id, or Altinn's system id `{vendorOrgNo}_{name}`."),
});

/** The form's field names (the domain's field errors) as the API body's paths. */
const fieldPaths = {
  nameNb: "displayName.nb",
  nameNn: "displayName.nn",
  nameEn: "displayName.en",
  descriptionNb: "description.nb",
  descriptionNn: "description.nn",
  descriptionEn: "description.en",
  redirectUrl: "redirectUrls",
  extraRedirectUrls: "redirectUrls",
};

/** The definition in the domain's (the form's) field names. */
const domainFields = (d: z.infer<typeof SystemDefinition>) => ({
  nameNb: d.displayName.nb,
  nameNn: d.displayName.nn,
  nameEn: d.displayName.en,
  descriptionNb: d.description.nb,
  descriptionNn: d.description.nn,
  descriptionEn: d.description.en,
  accessPackages: d.accessPackages,
  rights: d.rights,
  clientIds: d.clientIds,
  isVisible: d.isVisible,
});

export const listSystemsOp = defineOperation({
  method: "GET",
  path: "/systems",
  operationId: "listSystems",
  summary: "List systems",
  description: "Newest first, deleted ones included (with `deletedAt`).",
  tag: "Systems",
  scope: "systems:read",
  query: ListQuery,
  response: { status: 200, description: "A page of systems.", schema: pageOf(SystemResourceSchema, "SystemPage") },
  problems: ["invalid_cursor"],
  async handle({ query }, { scope }) {
    const after = afterCursor(query.cursor);
    const r = await listSystemPage(scope, {
      after: after && { createdAt: after.at, id: after.id },
      limit: query.limit,
    });
    const last = r.rows.at(-1);
    return ok(page(r.rows.map(systemResource), r.hasMore, last ? { at: last.createdAt, id: last.id } : null));
  },
});

export const getSystemOp = defineOperation({
  method: "GET",
  path: "/systems/{id}",
  operationId: "getSystem",
  summary: "Get a system",
  tag: "Systems",
  scope: "systems:read",
  params: IdParam,
  response: { status: 200, description: "The system.", schema: SystemResourceSchema },
  problems: ["not_found"],
  async handle({ params }, { scope }) {
    return ok(systemResource(await getSystem(scope, params.id)));
  },
});

export const createSystemOp = defineOperation({
  method: "POST",
  path: "/systems",
  operationId: "createSystem",
  summary: "Register a system",
  description:
    "Registers the system in Altinn's System Register first; only what Altinn accepted is stored, so a refusal leaves nothing behind.",
  tag: "Systems",
  scope: "systems:write",
  body: SystemCreate,
  fieldPaths,
  response: { status: 201, description: "Registered.", schema: SystemResourceSchema },
  problems: ["redirect_not_allowed", "system_exists", "client_id_in_use", "altinn_validation", "altinn_unavailable"],
  async handle({ body }, { scope, origin }) {
    const [first = "", ...more] = body.redirectUrls;
    const { id } = await createSystem(scope, {
      name: body.name,
      ...domainFields(body),
      redirectUrl: first,
      extraRedirectUrls: more,
    });
    return created(systemResource(await getSystem(scope, id)), `${origin}/api/v1/systems/${id}`);
  },
});

export const replaceSystemOp = defineOperation({
  method: "PUT",
  path: "/systems/{id}",
  operationId: "replaceSystem",
  summary: "Apply a system definition",
  description:
    "Replaces the system's definition as a whole (what is left out is emptied or set to its default). Apply it as often as you like: when nothing differs from what the portal holds, the answer comes at once and Altinn is not called.",
  tag: "Systems",
  scope: "systems:write",
  params: IdParam,
  body: SystemDefinition,
  fieldPaths,
  response: { status: 200, description: "The system as it now is.", schema: SystemResourceSchema },
  problems: [
    "not_found",
    "redirect_not_allowed",
    "client_id_in_use",
    "system_deleted",
    "system_missing_in_altinn",
    "altinn_validation",
    "altinn_unavailable",
  ],
  async handle({ params, body }, { scope }) {
    const { id } = await applySystemDefinition(scope, params.id, {
      ...domainFields(body),
      redirectUrls: body.redirectUrls,
    });
    return ok(systemResource(await getSystem(scope, id)));
  },
});
