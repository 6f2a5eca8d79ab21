import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emitEvent } from "@/lib/events/emit";
import type { EventType } from "@/lib/events/types";
import {
  REQUEST_RESOURCE_SELECT,
  requestResource,
  SYSTEM_USER_RESOURCE_SELECT,
  systemUserResource,
} from "@/lib/requests/resource";

type Tx = Prisma.TransactionClient;

/** A `request.*` event carrying the request as GET /api/v1/requests/{id} shows it after the change. */
export async function emitRequestEvent(
  tx: Tx,
  requestId: string,
  type: EventType,
  extra: Record<string, unknown> = {},
) {
  const row = await tx.systemUserRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { ...REQUEST_RESOURCE_SELECT, system: { select: { id: true, systemId: true, environmentId: true } } },
  });
  await emitEvent(tx, row.system.environmentId, type, { request: requestResource(row), ...extra });
}

/** A `systemuser.*` event; `id` is our row id (the event carries Altinn's). */
export async function emitSystemUserEvent(tx: Tx, id: string, type: "systemuser.created" | "systemuser.deleted") {
  const row = await tx.systemUser.findUniqueOrThrow({
    where: { id },
    select: { ...SYSTEM_USER_RESOURCE_SELECT, system: { select: { id: true, systemId: true, environmentId: true } } },
  });
  await emitEvent(tx, row.system.environmentId, type, { systemUser: systemUserResource(row) });
}
