import "server-only";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { confirmUrlNotAllowed, isAllowedConfirmUrl } from "@/lib/environments/rules";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { runAs } from "@/lib/core/request-context";
import { findPublicSystem } from "@/lib/systems/queries";
import { createOrReuseRequest } from "@/lib/requests/create-in-altinn";
import { syncRequest } from "@/lib/requests/sync";

// The public side: end customers have no login, so these functions take no actor and return only
// what the customer may see about their own request.

export async function startOnboarding(envSlug: string, systemId: string, orgNo: string) {
  const system = await findPublicSystem(envSlug, systemId);
  if (!system) throw unknownSystem();
  const environment = await loadEnvironmentById(system.environmentId);
  const request = await runAs(`customer:${orgNo}`, () =>
    createOrReuseRequest(environment, { system, orgNo, by: { type: "customer", label: orgNo }, via: "public" }),
  ).catch((err: unknown) => {
    throw err instanceof AppError && err.code === "AUTH-00004" ? cannotStart() : err;
  });
  // Defence in depth: this is where the customer is sent away, so check the link actually followed
  // (a stored one, when the request existed) against today's allowlist too.
  if (!isAllowedConfirmUrl(environment, request.confirmUrl))
    throw confirmUrlNotAllowed(environment, request.confirmUrl);
  return request.confirmUrl;
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
        select: {
          customer: { select: { orgNo: true } },
          system: { select: { systemId: true, environment: { select: { slug: true } } } },
        },
      })
    : null;
  if (!row) throw unknownRequest();
  return startOnboarding(row.system.environment.slug, row.system.systemId, row.customer.orgNo);
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

// Altinn refuses a new request when the org already has a system user. Saying so on a public page would
// tell anyone which organisations are customers, so the words stay neutral.
const cannotStart = () =>
  new AppError(
    "cannot_start",
    {
      nb: "Vi kunne ikke starte en ny forespørsel for denne virksomheten. Er den allerede koblet til, trenger du ikke gjøre noe mer; ellers kan du be leverandøren om en personlig lenke.",
      en: "We could not start a new request for this organisation. If it is already connected, you need to do nothing more; otherwise ask the vendor for a personal link.",
    },
    409,
  );

const unknownSystem = () =>
  new AppError("unknown_system", { nb: "Dette systemet finnes ikke.", en: "This system does not exist." }, 404);
