import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { confirmUrlNotAllowed, isAllowedConfirmUrl, loadEnvironmentById } from "@/lib/dal/environments";
import { runAs } from "@/lib/request-context";
import { findPublicSystem } from "@/lib/dal/systems";
import { createOrReuseRequest, syncRequest } from "@/lib/dal/request-sync";

// The public side: end customers have no login, so these functions take no actor and return only
// what the customer may see about their own request.

export async function startOnboarding(envSlug: string, systemId: string, orgNo: string) {
  const system = await findPublicSystem(envSlug, systemId);
  if (!system) throw unknownSystem();
  const environment = await loadEnvironmentById(system.environmentId);
  const request = await runAs(`customer:${orgNo}`, () => createOrReuseRequest(environment, system, orgNo, { type: "customer", label: orgNo }, "public"));
  // Defence in depth: this is where the customer is sent away, so check the link actually followed
  // (a stored one, when the request existed) against today's allowlist too.
  if (!isAllowedConfirmUrl(environment, request.confirmUrl)) throw confirmUrlNotAllowed(environment, request.confirmUrl);
  return request.confirmUrl;
}

export async function completeOnboarding(ref: string) {
  if (!isUuid(ref)) throw unknownRequest();
  const row = await db.systemUserRequest.findUnique({
    where: { id: ref },
    select: { id: true, customer: { select: { orgNo: true } }, system: { select: { name: true, environmentId: true, systemId: true } } },
  });
  if (!row) throw unknownRequest();
  const environment = await loadEnvironmentById(row.system.environmentId);
  const sync = await runAs(`customer:${row.customer.orgNo}`, () => syncRequest(environment, row.id, { type: "customer", label: row.customer.orgNo }));
  if (sync.missingInAltinn) throw unknownRequest();
  return {
    status: sync.status,
    orgNo: row.customer.orgNo,
    systemName: row.system.name as { nb: string; nn: string; en: string },
    envSlug: environment.slug,
    systemId: row.system.systemId,
  };
}

const unknownRequest = () =>
  new AppError("unknown_request", {
    nb: "Vi fant ikke denne forespørselen. Lenken kan være feil eller utløpt. Start på nytt fra leverandørens påmeldingsside.",
    en: "We could not find this request. The link may be wrong or expired. Start again from the vendor's onboarding page.",
  }, 404);

const unknownSystem = () =>
  new AppError("unknown_system", { nb: "Dette systemet finnes ikke.", en: "This system does not exist." }, 404);
