import "server-only";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { confirmUrlNotAllowed, isAllowedConfirmUrl } from "@/lib/environments/rules";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { runAs } from "@/lib/core/request-context";
import { findOpenSystem, findPublicSystemById, type PublicSystem } from "@/lib/systems/queries";
import { createOrReuseRequest } from "@/lib/requests/create-in-altinn";
import { syncRequest } from "@/lib/requests/sync";
import { takePublicStart } from "@/lib/onboarding/public-cap";
import { confirmUrlForConnected } from "@/lib/onboarding/same-answer";

// The public side: end customers have no login, so these functions take no actor and return only
// what the customer may see about their own request.

/** The open page's form: only for a system whose open page an admin turned on (ADR 018). */
export async function startOnboarding(envSlug: string, systemId: string, orgNo: string) {
  const system = await findOpenSystem(envSlug, systemId);
  if (!system) throw unknownSystem();
  return startPublic(system, orgNo);
}

/**
 * Every public way in (the open page, a signed link, "start again") ends here: the system's hourly cap,
 * then Altinn, then the confirm URL to send the customer to. A customer who already has the system user
 * gets the same kind of answer as a new one (same-answer.ts), so the answer tells no one who is connected.
 */
export async function startPublic(system: PublicSystem, orgNo: string): Promise<string> {
  const environment = await loadEnvironmentById(system.environmentId);
  await takePublicStart(system);
  const confirmUrl = await runAs(`customer:${orgNo}`, () =>
    createOrReuseRequest(environment, { system, orgNo, by: { type: "customer", label: orgNo }, via: "public" }),
  ).then(
    (request) => request.confirmUrl,
    (err: unknown) => {
      if (err instanceof AppError && err.code === "AUTH-00004")
        return confirmUrlForConnected(environment, system.id, orgNo);
      throw err;
    },
  );
  // Defence in depth: this is where the customer is sent away, so check the link actually followed
  // (a stored one, when the request existed) against today's allowlist too.
  if (!isAllowedConfirmUrl(environment, confirmUrl)) throw confirmUrlNotAllowed(environment, confirmUrl);
  return confirmUrl;
}

export type OnboardingOutcome =
  | { kind: "unknown" }
  | { kind: "unavailable"; ref: string }
  | {
      kind: "connected" | "rejected" | "escalated" | "pending" | "expired" | "wrong_org";
      ref: string;
      orgNo: string;
      systemName: LocalizedName;
      envSlug: string;
      systemId: string;
    };
type LocalizedName = { nb: string; nn: string; en: string };

/**
 * The callback: the ref in the URL only names which request to look at; the outcome comes from Altinn.
 * Every failure to find the ref answers the same "unknown", so refs cannot be probed.
 */
export async function completeOnboarding(ref: string): Promise<OnboardingOutcome> {
  if (!isUuid(ref)) return { kind: "unknown" };
  const row = await db.systemUserRequest.findUnique({
    where: { id: ref },
    select: {
      id: true,
      customer: { select: { orgNo: true } },
      system: { select: { name: true, environmentId: true, systemId: true } },
    },
  });
  if (!row) return { kind: "unknown" };
  const environment = await loadEnvironmentById(row.system.environmentId);
  let sync: Awaited<ReturnType<typeof syncRequest>>;
  try {
    sync = await runAs(`customer:${row.customer.orgNo}`, () =>
      syncRequest(environment, row.id, { type: "customer", label: row.customer.orgNo }),
    );
  } catch (err) {
    // Altinn or Maskinporten down: nothing was written, the customer can simply check again later.
    if (err instanceof AppError && err.status >= 500) return { kind: "unavailable", ref: row.id };
    throw err;
  }
  const base = {
    ref: row.id,
    orgNo: row.customer.orgNo,
    systemName: row.system.name as LocalizedName,
    envSlug: environment.slug,
    systemId: row.system.systemId,
  };
  return { ...base, kind: outcomeOf(sync, row.customer.orgNo) };
}

function outcomeOf(sync: Awaited<ReturnType<typeof syncRequest>>, orgNo: string) {
  // Altinn soft-deletes requests after 28 days (CONTRACT §4.1), so a request we know but Altinn no
  // longer has has expired.
  if (sync.missingInAltinn || !sync.remote) return "expired" as const;
  if (sync.remote.partyOrgNo !== orgNo) return "wrong_org" as const;
  switch (sync.status) {
    case "Accepted":
      return "connected" as const;
    case "Rejected":
    case "Denied":
      return "rejected" as const;
    case "Timedout":
      return "expired" as const;
    case "New":
      return sync.remote.escalated ? ("escalated" as const) : ("pending" as const);
  }
}

/** "Start again" from an outcome page: a fresh (or renewed) request for the same customer and system. */
export async function restartOnboarding(ref: string) {
  const row = isUuid(ref)
    ? await db.systemUserRequest.findUnique({
        where: { id: ref },
        select: { systemId: true, customer: { select: { orgNo: true } } },
      })
    : null;
  // The customer's own request: it works whether or not the system's open page is on.
  const system = row ? await findPublicSystemById(row.systemId) : null;
  if (!row || !system) throw unknownRequest();
  return startPublic(system, row.customer.orgNo);
}

const unknownRequest = () =>
  new AppError(
    "unknown_request",
    {
      nb: "Vi fant ikke denne forespørselen. Lenken kan være feil eller utløpt. Start på nytt fra leverandørens påmeldingsside.",
      en: "We could not find this request. The link may be wrong or expired. Start again from the vendor's onboarding page.",
    },
    404,
  );

const unknownSystem = () =>
  new AppError("unknown_system", { nb: "Dette systemet finnes ikke.", en: "This system does not exist." }, 404);
