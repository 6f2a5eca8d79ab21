import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { runAs } from "@/lib/core/request-context";
import { connect } from "@/lib/environments/connect";
import type { Scope } from "@/lib/environments/types";
import { deleteRequest } from "@/lib/integrations/altinn/requests";
import { recordRequestEvent } from "@/lib/requests/events";

const notOpen = () =>
  new AppError(
    "request_not_open",
    {
      nb: "Bare forespørsler som venter på kunden kan trekkes tilbake.",
      en: "Only requests still waiting for the customer can be withdrawn.",
    },
    409,
  );

/**
 * Withdraws a request the customer has not answered: deleted at Altinn (its confirm link stops working),
 * no longer polled, and kept in our timeline as deleted. Withdrawing one already deleted changes nothing,
 * so a retried DELETE is harmless.
 */
export async function withdrawRequest({ actor, environment }: Scope, id: string): Promise<void> {
  assertCan(actor, "requests.create");
  const row = isUuid(id)
    ? await db.systemUserRequest.findFirst({
        where: { id, system: { environmentId: environment.id } },
        select: {
          id: true,
          status: true,
          altinnRequestId: true,
          customer: { select: { orgNo: true } },
          system: { select: { systemId: true } },
          events: { where: { kind: "deleted" }, select: { id: true }, take: 1 },
        },
      })
    : null;
  if (!row) throw notFound({ nb: "forespørselen", en: "Request" });
  if (row.events.length > 0) return;
  if (row.status !== "New") throw notOpen();
  const by = auditActor(actor);
  // Altinn answers 404 for a request it has already forgotten; that is withdrawn too.
  await runAs(by.label, () => deleteRequest(connect(environment), row.altinnRequestId));
  await db.$transaction(async (tx) => {
    await tx.systemUserRequest.update({ where: { id: row.id }, data: { nextCheckAt: null } });
    await recordRequestEvent(tx, row.id, "deleted", { altinnRequestId: row.altinnRequestId, reason: "withdrawn" });
    await recordAudit(
      {
        actor: by,
        action: "request.delete",
        target: { type: "system_user_request", id: row.id },
        outcome: "success",
        environmentId: environment.id,
        subject: { orgNumber: row.customer.orgNo, systemId: row.system.systemId },
        detail: { altinnRequestId: row.altinnRequestId, reason: "withdrawn" },
      },
      tx,
    );
  });
}
