import { z } from "zod";
import { afterCursor, page } from "@/lib/api/keyset";
import { defineOperation, ok } from "@/lib/api/operation";
import { ListQuery, pageOf } from "@/lib/api/pagination";
import { SystemUserResourceSchema } from "@/lib/requests/resource";
import { orgNoSchema } from "@/lib/requests/schema";
import { getSystemUser, listSystemUserPage } from "@/lib/requests/system-users";
import { getSystem } from "@/lib/systems/queries";

export const listSystemUsersOp = defineOperation({
  method: "GET",
  path: "/system-users",
  operationId: "listSystemUsers",
  summary: "List system users",
  description: "Newest first. Those a customer has deleted are left out unless `includeDeleted=true`.",
  tag: "System users",
  scope: "requests:read",
  query: ListQuery.extend({
    systemId: z.string().min(1).max(200).optional().describe("Only this system's (our id or Altinn's)."),
    orgNo: orgNoSchema.optional().describe("Only this customer's."),
    includeDeleted: z.enum(["true", "false"]).default("false").describe("Also those the customer has deleted."),
  }),
  response: {
    status: 200,
    description: "A page of system users.",
    schema: pageOf(SystemUserResourceSchema, "SystemUserPage"),
  },
  problems: ["invalid_cursor", "not_found"],
  async handle({ query }, { scope }) {
    const after = afterCursor(query.cursor);
    const systemId = query.systemId ? (await getSystem(scope, query.systemId)).id : undefined;
    const r = await listSystemUserPage(scope, {
      systemId,
      orgNo: query.orgNo,
      includeDeleted: query.includeDeleted === "true",
      after: after && { discoveredAt: after.at, id: after.id },
      limit: query.limit,
    });
    return ok(page(r.rows, r.hasMore, r.last && { at: r.last.discoveredAt, id: r.last.id }));
  },
});

export const getSystemUserOp = defineOperation({
  method: "GET",
  path: "/system-users/{id}",
  operationId: "getSystemUser",
  summary: "Get a system user",
  tag: "System users",
  scope: "requests:read",
  params: z.object({ id: z.string().min(1).max(100).describe("Altinn's id of the system user.") }),
  response: { status: 200, description: "The system user.", schema: SystemUserResourceSchema },
  problems: ["not_found"],
  async handle({ params }, { scope }) {
    return ok(await getSystemUser(scope, params.id));
  },
});
