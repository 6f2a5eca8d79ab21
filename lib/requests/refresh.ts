import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/actor";
import { runAs } from "@/lib/core/request-context";
import type { Scope } from "@/lib/environments/types";
import { getRequestView } from "@/lib/requests/queries";
import { syncRequest } from "@/lib/requests/sync";

export async function refreshRequest(scope: Scope, id: string) {
  const { actor, environment } = scope;
  assertCan(actor, "requests.refresh");
  await getRequestView(scope, id);
  const { status, missingInAltinn } = await runAs(actor.email, () => syncRequest(environment, id, auditActor(actor)));
  return { status, missingInAltinn };
}
