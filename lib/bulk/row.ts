import "server-only";
import { connect } from "@/lib/environments/connect";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/core/errors";
import { packagesForKind } from "@/lib/requests/packages";
import type { AuditActor } from "@/lib/audit/record";
import { createStandardRequest, type AltinnRequest } from "@/lib/integrations/altinn/requests";
import { isAllowedConfirmUrl } from "@/lib/environments/rules";
import { type EnvironmentView } from "@/lib/environments/types";
import { callbackUrl, createOrReuseRequest } from "@/lib/requests/create-in-altinn";
import { finishRow, type ClaimedRow } from "@/lib/bulk/store";
import type { StoreBatcher } from "@/lib/bulk/store-batch";

// One row of a bulk job in two steps, so the runner can start the next Altinn call while this row's
// outcome is written: ask Altinn, then store what it said.

export type Timer = <T>(phase: string, fn: () => Promise<T>) => Promise<T>;
export type RowContext = {
  time: Timer;
  jobId: string;
  environment: EnvironmentView;
  by: AuditActor;
  createdById: string | null;
  system: { id: string; systemId: string; accessPackages: string[] };
};
export type Answer =
  { kind: "fast"; request: AltinnRequest; existed: boolean; requestId: string } | { kind: "done"; existed: boolean };

export async function askAltinn(ctx: RowContext, row: ClaimedRow): Promise<Answer> {
  const ref = randomUUID();
  const { request, existed } = await ctx.time("altinn", () =>
    createStandardRequest(
      connect(ctx.environment),
      {
        systemId: ctx.system.systemId,
        partyOrgNo: row.orgNo,
        externalRef: row.externalRef,
        accessPackages: packagesForKind(ctx.system.accessPackages, "standard"),
        redirectUrl: callbackUrl(ref),
      },
      { logInBackground: true },
    ),
  );
  if (
    request.status === "Rejected" ||
    request.status === "Denied" ||
    !isAllowedConfirmUrl(ctx.environment, request.confirmUrl)
  ) {
    // Rare: the one-by-one path renews a rejected request or refuses a foreign confirm host, with its own audit.
    const slow = await createOrReuseRequest(ctx.environment, {
      system: ctx.system,
      orgNo: row.orgNo,
      by: ctx.by,
      via: "bulk",
    });
    await finishRow(row.id, { requestId: slow.id, existed: slow.existed });
    return { kind: "done", existed: slow.existed };
  }
  // A request Altinn already had (we died before storing it) keeps the ref its redirect URL carries,
  // so the customer's return through the callback still finds it.
  const refInAltinn = URL.canParse(request.redirectUrl ?? "")
    ? new URL(request.redirectUrl ?? "").searchParams.get("ref")
    : null;
  const requestId = existed && refInAltinn && /^[0-9a-f-]{36}$/i.test(refInAltinn) ? refInAltinn : ref;
  return { kind: "fast", request, existed, requestId };
}

/** The request, its timeline event and the row's outcome in one statement. True when newly created. */
export async function storeAnswer(
  ctx: RowContext,
  row: ClaimedRow,
  answer: Answer,
  batcher: StoreBatcher,
): Promise<boolean> {
  if (answer.kind === "done") return !answer.existed;
  const stored = await ctx.time("store", () =>
    batcher.store({
      row,
      requestId: answer.requestId,
      systemRowId: ctx.system.id,
      createdById: ctx.createdById,
      request: answer.request,
      existedInAltinn: answer.existed,
      jobId: ctx.jobId,
    }),
  );
  if (!stored.requestId) {
    // Another process stored the same Altinn request in this very instant; the next try reads it.
    throw new AppError(
      "bulk_store_race",
      { nb: "Lagringen kolliderte; prøver igjen.", en: "Storing collided; trying again." },
      503,
    );
  }
  return stored.fresh && !answer.existed;
}
