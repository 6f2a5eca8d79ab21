import "server-only";
// Making a request in Altinn and storing it: every way in (an operator, the API, the public page, a
// bulk row, a renewal) ends here, so the customer's externalRef, the confirm-URL check, the request's
// timeline and the audit are the same whoever asked. createRequest (create.ts) is the checked entry.
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { externalRefFor } from "@/lib/customers/derived-ref";
import { connect } from "@/lib/environments/connect";
import { confirmUrlNotAllowed, isAllowedConfirmUrl } from "@/lib/environments/rules";
import type { EnvironmentView } from "@/lib/environments/types";
import {
  createRequestOfKind,
  deleteRequest,
  type CreateRequestInput as AltinnRequestInput,
  type RequestKind,
} from "@/lib/integrations/altinn/requests";
import { recordRequestEvent } from "@/lib/requests/events";
import { packagesForKind } from "@/lib/requests/packages";
import { nextCheckAt } from "@/lib/requests/polling";
import { logger } from "@/lib/core/log";

type SystemRef = { id: string; systemId: string; accessPackages: string[] };

export function callbackUrl(ref: string): string {
  const url = new URL("/onboard/callback", env().PORTAL_URL);
  url.searchParams.set("ref", ref);
  return url.toString();
}

const hostOf = (value: string) => (URL.canParse(value) ? new URL(value).host : null);

/**
 * Creates (or, since Altinn's create is idempotent per system+org+externalRef, finds) the request in
 * Altinn, then stores it. Our own id travels in the redirect URL so the callback can find the row.
 */
export type CreateOrReuseOptions = {
  system: SystemRef;
  orgNo: string;
  by: AuditActor;
  via: "operator" | "public" | "auto" | "bulk" | "api";
  /** The request this one replaces (renew); both timelines link to each other. */
  renewedFrom?: string;
  kind?: RequestKind;
  /** The customer's way back after answering; the portal's callback (which reads the outcome at once) if absent. */
  redirectUrl?: string;
};

export async function createOrReuseRequest(environment: EnvironmentView, options: CreateOrReuseOptions) {
  const { system, orgNo, by, via, kind = "standard" } = options;
  let { renewedFrom } = options;
  const ref = randomUUID();
  const audit = {
    actor: by,
    action: kind === "agent" ? "request.create_agent" : "request.create",
    target: { type: "system_user_request", id: null as string | null },
    environmentId: environment.id,
  };
  // Refuses before anything is written when the system has no package this kind can use.
  const accessPackages = packagesForKind(system.accessPackages, kind);
  // The customer's own externalRef. A customer first seen here (public page, a request typed by org
  // number) gets an opaque one like every other customer, derived so that every attempt uses the same
  // (lib/customers/derived-ref.ts): the same value goes to Altinn and into the customer row created
  // below, so the system user and the customer agree.
  const existing = await db.customer.findUnique({
    where: { environmentId_orgNo: { environmentId: environment.id, orgNo } },
    select: { externalRef: true },
  });
  const customerRef = existing?.externalRef ?? externalRefFor(environment.id, orgNo);
  const externalRef = agentExternalRef(customerRef, kind);
  const input: AltinnRequestInput = {
    systemId: system.systemId,
    partyOrgNo: orgNo,
    externalRef,
    accessPackages,
    redirectUrl: options.redirectUrl ?? callbackUrl(ref),
  };
  const create = () => createRequestOfKind(connect(environment), kind, input);
  let result: Awaited<ReturnType<typeof create>>;
  try {
    result = await create();
    // Altinn hands back a rejected request for the same customer until it is deleted; a customer who
    // comes back wants a fresh one to approve, so renew it (CONTRACT §8).
    if (result.request.status === "Rejected" || result.request.status === "Denied") {
      const replacedId = result.request.id;
      await deleteRequest(connect(environment), replacedId);
      const old = await db.systemUserRequest.findUnique({
        where: { altinnRequestId: replacedId },
        select: { id: true },
      });
      await db.$transaction(async (tx) => {
        if (old) await recordRequestEvent(tx, old.id, "deleted", { altinnRequestId: replacedId, via });
        await recordAudit(
          {
            ...audit,
            action: "request.renew",
            outcome: "success",
            detail: { orgNo, systemId: system.systemId, replaced: replacedId, via },
          },
          tx,
        );
      });
      renewedFrom ??= old?.id;
      result = await create();
    }
  } catch (err) {
    if (err instanceof AppError)
      await recordAudit({
        ...audit,
        outcome: "failure",
        detail: { orgNo, systemId: system.systemId, code: err.code, via },
      });
    throw err;
  }
  const { request } = result;
  if (!isAllowedConfirmUrl(environment, request.confirmUrl)) {
    // Never store or hand out a link to a host we do not trust; a request we just made goes away again.
    if (!result.existed) {
      await deleteRequest(connect(environment), request.id).catch((e: unknown) =>
        logger("request").warn(`could not delete ${request.id} at Altinn: ${String(e)}`),
      );
    }
    const err = confirmUrlNotAllowed(environment, request.confirmUrl);
    await recordAudit({
      ...audit,
      outcome: "failure",
      detail: { orgNo, systemId: system.systemId, code: err.code, confirmUrlHost: hostOf(request.confirmUrl), via },
    });
    throw err;
  }
  const known = await db.systemUserRequest.findUnique({
    where: { altinnRequestId: request.id },
    select: { id: true, confirmUrl: true, status: true },
  });
  if (known) return { ...known, existed: true };
  // A request Altinn already had but we never stored (e.g. a crash between the two): keep its ref.
  const refInAltinn = URL.canParse(request.redirectUrl ?? "")
    ? new URL(request.redirectUrl ?? "").searchParams.get("ref")
    : null;
  const refFree =
    isUuid(refInAltinn) &&
    !(await db.systemUserRequest.findUnique({ where: { id: refInAltinn }, select: { id: true } }));
  const id = refFree && refInAltinn ? refInAltinn : ref;
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.upsert({
      where: { environmentId_orgNo: { environmentId: environment.id, orgNo } },
      create: { environmentId: environment.id, orgNo, externalRef: customerRef },
      update: {},
      select: { id: true },
    });
    const row = await tx.systemUserRequest.create({
      data: {
        id,
        systemId: system.id,
        customerId: customer.id,
        altinnRequestId: request.id,
        kind,
        externalRef: request.externalRef ?? externalRef,
        status: request.status,
        confirmUrl: request.confirmUrl,
        redirectUrl: request.redirectUrl ?? null,
        accessPackages: request.accessPackages.map((p) => p.urn),
        createdVia: via,
        nextCheckAt: request.status === "New" ? nextCheckAt(0) : null,
        createdById: by.type === "user" ? by.id : null,
      },
      select: { id: true, confirmUrl: true, status: true },
    });
    await recordRequestEvent(tx, row.id, "created", {
      altinnRequestId: request.id,
      kind,
      existedInAltinn: result.existed,
      via,
      renewedFrom: renewedFrom ?? null,
    });
    if (renewedFrom) await recordRequestEvent(tx, renewedFrom, "renewed", { to: row.id });
    await recordAudit(
      {
        ...audit,
        target: { type: "system_user_request", id: row.id },
        outcome: "success",
        detail: {
          orgNo,
          systemId: system.systemId,
          kind,
          altinnRequestId: request.id,
          existedInAltinn: result.existed,
          via,
          renewedFrom: renewedFrom ?? null,
        },
      },
      tx,
    );
    return { ...row, existed: result.existed };
  });
}

/**
 * Altinn keeps one system user per (system, org, externalRef) whatever its kind, so an agent system
 * user gets its own externalRef: a customer may then hold a standard and an agent one side by side.
 */
export function agentExternalRef(customerRef: string, kind: RequestKind): string {
  return kind === "agent" ? `${customerRef}-agent` : customerRef;
}
