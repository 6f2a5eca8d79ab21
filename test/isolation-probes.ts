// One call per probe of test/isolation-inventory.ts: what a page, route handler or action does with the id
// it was given, made here with environment B's ids by a caller working in environment A.
import type { ClientContext } from "@/lib/clients/delegation";
import type { Scope } from "@/lib/environments/types";
import type { ProbeName } from "./isolation-inventory";
import type { BIds } from "./isolation-seed";

export type ProbeCall = { scope: Scope; clients: ClientContext; ids: BIds; orgNo: () => string };
export type Probe = (c: ProbeCall) => Promise<unknown>;

/** The data layer, loaded after the portal set the environment. */
async function load() {
  return {
    customers: { ...(await import("@/lib/customers/queries")), ...(await import("@/lib/customers/write")) },
    selection: await import("@/lib/requests/selection"),
    requests: {
      ...(await import("@/lib/requests/queries")),
      ...(await import("@/lib/requests/events")),
      ...(await import("@/lib/requests/create")),
      ...(await import("@/lib/requests/refresh")),
      ...(await import("@/lib/requests/renew")),
    },
    links: await import("@/lib/onboarding/links"),
    systems: {
      ...(await import("@/lib/systems/queries")),
      ...(await import("@/lib/systems/change-requests")),
      ...(await import("@/lib/systems/sync")),
      ...(await import("@/lib/systems/edit")),
      ...(await import("@/lib/systems/open-onboarding")),
    },
    bulk: {
      ...(await import("@/lib/bulk/queries")),
      ...(await import("@/lib/bulk/result")),
      ...(await import("@/lib/bulk/jobs")),
    },
    keys: await import("@/lib/keys/rotation"),
    apikeys: await import("@/lib/apikeys/write"),
    doctor: await import("@/lib/tokens/doctor"),
    recon: await import("@/lib/reconciliation/fixes"),
    webhooks: {
      ...(await import("@/lib/webhooks/queries")),
      ...(await import("@/lib/webhooks/endpoints")),
      ...(await import("@/lib/webhooks/secrets")),
      ...(await import("@/lib/webhooks/test-event")),
      ...(await import("@/lib/webhooks/replay")),
    },
    clients: await import("@/lib/clients/assign"),
    preflight: { ...(await import("@/lib/preflight/run")), ...(await import("@/lib/preflight/customers")) },
    promotion: await import("@/lib/promotion/promote"),
    audit: await import("@/lib/audit/search"),
    branding: { ...(await import("@/lib/branding/queries")), ...(await import("@/lib/branding/write")) },
    mail: {
      ...(await import("@/lib/mail/queries")),
      ...(await import("@/lib/mail/contact")),
      ...(await import("@/lib/mail/invite")),
    },
  };
}

const edit = (id: string) => ({
  id,
  nameNb: "Overtatt",
  nameNn: "Overteke",
  nameEn: "Taken over",
  descriptionNb: "x",
  descriptionNn: "x",
  descriptionEn: "x",
  accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
  redirectUrls: ["http://127.0.0.1:3999/onboard/callback"],
  clientIds: [],
  isVisible: false,
});

export async function probes(): Promise<Record<ProbeName, Probe>> {
  const m = await load();
  return {
    "customers.get": ({ scope, ids }) => m.customers.getCustomer(scope, ids.customer),
    "customers.update": ({ scope, ids }) =>
      m.customers.updateCustomer(scope, { id: ids.customer, name: "Overtatt", notes: "", tags: "" }),
    "customers.selection": ({ scope, ids }) =>
      m.selection.createRequestsForSelection(scope, { systemId: ids.system, customerIds: [ids.customer] }),
    "requests.view": ({ scope, ids }) => m.requests.getRequestView(scope, ids.request),
    "requests.events": async ({ scope, ids }) => {
      // A list: B's request has events, and none of them may come back.
      const events = await m.requests.listRequestEvents(scope, ids.request);
      return events.length === 0 ? Promise.reject(new NoData()) : events;
    },
    "requests.create": ({ scope, ids, orgNo }) =>
      m.requests.createRequest(scope, { systemId: ids.system, orgNo: orgNo(), kind: "standard" }),
    "requests.refresh": ({ scope, ids }) => m.requests.refreshRequest(scope, ids.request),
    "requests.renew": ({ scope, ids }) => m.requests.renewRequest(scope, ids.request),
    "requests.link": ({ scope, ids }) => m.links.createOnboardingLink(scope, ids.request),
    "systems.get": ({ scope, ids }) => m.systems.getSystem(scope, ids.system),
    "systems.changePlan": ({ scope, ids }) => m.systems.changePlan(scope, ids.system),
    "systems.history": ({ scope, ids }) => m.systems.getSystemHistory(scope, ids.system),
    "systems.drift": ({ scope, ids }) => m.systems.readSystemDrift(scope, ids.system),
    "systems.update": ({ scope, ids }) => m.systems.updateSystem(scope, edit(ids.system)),
    "systems.openOnboarding": ({ scope, ids }) => m.systems.setOpenOnboarding(scope, { id: ids.system, enabled: true }),
    "systems.branding": ({ scope, ids }) => m.branding.getSystemBranding(scope, ids.system),
    "systems.brandingSave": ({ scope, ids }) =>
      m.branding.saveSystemBranding(scope, ids.system, { displayName: "Taken over" }, null),
    "systems.brandingReset": ({ scope, ids }) => m.branding.resetSystemBranding(scope, ids.system),
    "systems.delete": ({ scope, ids }) =>
      m.systems.deleteSystem(scope, { id: ids.system, confirm: ids.altinnSystemId }),
    "systems.resolveDrift": ({ scope, ids }) =>
      m.systems.resolveSystemDrift(scope, { id: ids.system, winner: "altinn" }),
    "systems.createChangeRequests": ({ scope, ids }) => m.systems.createChangeRequests(scope, ids.system),
    "systems.refreshChangeRequests": ({ scope, ids }) => m.systems.refreshChangeRequests(scope, ids.system),
    "systems.readiness": ({ scope, ids }) => m.preflight.systemReadiness(scope, ids.system),
    "systems.promote": ({ scope, ids }) =>
      m.promotion.promoteSystem(scope, { id: ids.system, target: "production", confirm: "production" }),
    "preflight.request": ({ scope, ids, orgNo }) =>
      m.preflight.requestPreflight(scope, { systemId: ids.system, orgNo: orgNo(), kind: "standard" }),
    "preflight.selection": ({ scope, ids }) => m.preflight.listCustomersByIds(scope, [ids.customer]),
    "bulk.get": ({ scope, ids }) => m.bulk.getBulkJob(scope, ids.bulkJob),
    "bulk.progress": ({ scope, ids }) => m.bulk.getBulkProgress(scope, ids.bulkJob),
    "bulk.result": ({ scope, ids }) => m.bulk.bulkResultCsv(scope, ids.bulkJob, "nb"),
    "bulk.preview": ({ scope, ids, orgNo }) =>
      m.bulk.previewBulkUpload(
        scope,
        { systemId: ids.system, fileName: "a.csv" },
        new TextEncoder().encode(`orgnr\n${orgNo()}\n`),
      ),
    "bulk.start": ({ scope, ids }) => m.bulk.startBulkJob(scope, ids.bulkJob),
    "bulk.cancel": ({ scope, ids }) => m.bulk.cancelBulkJob(scope, ids.bulkJob),
    "keys.register": ({ scope, ids }) => m.keys.registerKeyAtDigdir(scope, ids.key),
    "keys.verify": ({ scope, ids }) => m.keys.verifySigningKey(scope, ids.key),
    "keys.activate": ({ scope, ids }) => m.keys.activateSigningKey(scope, ids.key),
    "keys.retire": ({ scope, ids }) => m.keys.retireSigningKey(scope, ids.key),
    "apikeys.revoke": ({ scope, ids }) => m.apikeys.revokeApiKey(scope, ids.apiKey),
    "doctor.run": ({ scope, ids }) =>
      m.doctor.runTokenDoctor(scope, { systemId: ids.system, orgNo: ids.customerOrgNo }),
    "reconciliation.fix": ({ scope, ids }) => m.recon.fixFinding(scope, ids.finding),
    "reconciliation.adopt": ({ scope, ids }) => m.recon.adoptFinding(scope, ids.finding),
    "reconciliation.ignore": ({ scope, ids }) => m.recon.ignoreFinding(scope, ids.finding),
    "reconciliation.reonboard": ({ scope, ids }) => m.recon.reonboardFromFinding(scope, ids.finding),
    "webhooks.get": ({ scope, ids }) => m.webhooks.getWebhookEndpoint(scope, ids.endpoint),
    "webhooks.deliveries": ({ scope, ids }) => m.webhooks.listWebhookDeliveries(scope, ids.endpoint),
    "webhooks.update": ({ scope, ids }) => m.webhooks.updateWebhookEndpoint(scope, ids.endpoint, { enabled: false }),
    "webhooks.delete": ({ scope, ids }) => m.webhooks.deleteWebhookEndpoint(scope, ids.endpoint),
    "webhooks.reveal": ({ scope, ids }) => m.webhooks.revealWebhookSecret(scope, ids.endpoint),
    "webhooks.rotate": ({ scope, ids }) => m.webhooks.rotateWebhookSecret(scope, ids.endpoint),
    "webhooks.test": ({ scope, ids }) => m.webhooks.sendWebhookTestEvent(scope, ids.endpoint),
    "webhooks.replayDelivery": ({ scope, ids }) => m.webhooks.replayWebhookDelivery(scope, ids.delivery),
    "webhooks.replaySince": ({ scope, ids }) =>
      m.webhooks.replayWebhooksSince(scope, ids.endpoint, { since: new Date(Date.now() - 3_600_000) }),
    "clients.report": ({ clients, ids }) => m.clients.assignJobReport(clients, ids.clientJob),
    "clients.cancel": ({ clients, ids }) => m.clients.cancelAssignJob(clients, ids.clientJob),
    "clients.resume": ({ clients, ids }) => m.clients.resumeAssignJob(clients, ids.clientJob, { kick: false }),
    "audit.event": ({ scope, ids }) => m.audit.getAuditEvent(scope, ids.auditEvent),
    "mail.get": ({ scope, ids }) => m.mail.getMail(scope, ids.mail),
    "mail.contact": ({ scope, ids }) => m.mail.getContact(scope, ids.customer),
    "mail.saveContact": ({ scope, ids }) =>
      m.mail.saveContact(scope, { customerId: ids.customer, email: "a@a.test", locale: "nb" }),
    "mail.stopReminders": ({ scope, ids }) => m.mail.stopReminders(scope, ids.customer),
    "mail.invite": ({ scope, ids }) =>
      m.mail.sendInvitations(scope, { systemId: ids.system, customerIds: [ids.customer] }),
    "mail.bulkTargets": ({ scope, ids }) => m.mail.bulkInviteTargets(scope, ids.bulkJob),
    "onboarding.publicSystem": async ({ scope, ids }) => {
      // The public page 404s on null: A's slug with B's system id must find nothing.
      const { findOpenSystem } = await import("@/lib/systems/queries");
      const found = await findOpenSystem(scope.environment.slug, ids.altinnSystemId);
      return found ?? Promise.reject(new NoData());
    },
  };
}

/** A list or lookup that came back empty: what a page turns into a 404 (or shows as nothing). */
export class NoData extends Error {
  constructor() {
    super("no data");
  }
}

/** Probes that only read: the controls run them in B too, where they must succeed. */
export const READS: ProbeName[] = [
  "customers.get",
  "requests.view",
  "requests.events",
  "systems.get",
  "systems.history",
  "systems.branding",
  "bulk.get",
  "bulk.progress",
  "bulk.result",
  "webhooks.get",
  "webhooks.deliveries",
  "clients.report",
  "onboarding.publicSystem",
  "audit.event",
];
