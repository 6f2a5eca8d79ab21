// Every way into the portal that takes an id, and what proves that an id of another environment is a 404
// there (test/suites/isolation.ts runs the probes; isolation-inventory.test.ts fails when a route file or
// an action is missing here). Pure data, so the unit test reads it without a database.

/** The data-layer calls the suite makes with environment B's ids while acting in environment A. */
export const PROBES = [
  "customers.get",
  "customers.update",
  "customers.selection",
  "requests.view",
  "requests.events",
  "requests.create",
  "requests.refresh",
  "requests.renew",
  "requests.link",
  "systems.get",
  "systems.changePlan",
  "systems.history",
  "systems.drift",
  "systems.update",
  "systems.delete",
  "systems.openOnboarding",
  "systems.branding",
  "systems.brandingSave",
  "systems.brandingReset",
  "systems.resolveDrift",
  "systems.createChangeRequests",
  "systems.refreshChangeRequests",
  "systems.readiness",
  "systems.promote",
  "preflight.request",
  "preflight.selection",
  "bulk.get",
  "bulk.progress",
  "bulk.result",
  "bulk.preview",
  "bulk.start",
  "bulk.cancel",
  "keys.register",
  "keys.verify",
  "keys.activate",
  "keys.retire",
  "apikeys.revoke",
  "doctor.run",
  "reconciliation.fix",
  "reconciliation.adopt",
  "reconciliation.ignore",
  "reconciliation.reonboard",
  "webhooks.get",
  "webhooks.deliveries",
  "webhooks.update",
  "webhooks.delete",
  "webhooks.reveal",
  "webhooks.rotate",
  "webhooks.test",
  "webhooks.replayDelivery",
  "webhooks.replaySince",
  "clients.report",
  "clients.cancel",
  "clients.resume",
  "onboarding.publicSystem",
  "audit.event",
  "mail.get",
  "mail.contact",
  "mail.saveContact",
  "mail.stopReminders",
  "mail.invite",
  "mail.bulkTargets",
] as const;
export type ProbeName = (typeof PROBES)[number];

/** Why a route or action needs no probe: it takes no id of an environment's data, or is meant to cross. */
export type Exempt = { exempt: string };
export type Entry = readonly ProbeName[] | Exempt;

const ENV_IN_URL =
  "the environment is the URL's own (public or client-administrator pages); nothing of another environment is addressed";
const ENVIRONMENTS = "environments themselves: an admin manages every environment from any other, by design (ADR 004)";

/**
 * Pages and route handlers with a dynamic segment (`[id]`, `[slug]`, …), by path under the repository.
 * The vendor API's routes (app/api/v1) are covered operation by operation in API_CASES instead.
 */
// Portal accounts belong to the installation, not to an environment (admins only, users.manage).
const USERS = "portal users belong to the installation, not to an environment (admin only)";
export const ROUTES: Record<string, Entry> = {
  "app/(clients)/clients/[env]/assign-all/route.ts": {
    exempt: "the agent is looked up in the environment's own Altinn with the person's own token (findAgent)",
  },
  "app/(clients)/clients/[env]/assign/route.ts": {
    exempt: "the agent and client are looked up in the environment's own Altinn with the person's token",
  },
  "app/(clients)/clients/[env]/jobs/[id]/cancel/route.ts": ["clients.cancel"],
  "app/(clients)/clients/[env]/jobs/[id]/continue/route.ts": ["clients.resume"],
  "app/(clients)/clients/[env]/jobs/[id]/page.tsx": ["clients.report"],
  "app/(clients)/clients/[env]/jobs/[id]/progress/route.ts": ["clients.report"],
  "app/(clients)/clients/[env]/login/route.ts": { exempt: ENV_IN_URL },
  "app/(clients)/clients/[env]/logout/route.ts": { exempt: ENV_IN_URL },
  "app/(clients)/clients/[env]/page.tsx": { exempt: ENV_IN_URL },
  // Public and used without JavaScript: "unknown system" stays a server-rendered page (200), showing nothing.
  "app/(onboarding)/onboard/[env]/[systemId]/page.tsx": ["onboarding.publicSystem"],
  "app/(onboarding)/onboard/[env]/[systemId]/start/route.ts": ["onboarding.publicSystem"],
  "app/(onboarding)/onboard/l/[token]/page.tsx": {
    exempt: "a signed link token: its row names the system, customer and environment (no environment is chosen)",
  },
  "app/(onboarding)/onboard/l/[token]/start/route.ts": {
    exempt: "a signed link token: its row names the system, customer and environment (no environment is chosen)",
  },
  "app/(portal)/audit/[seq]/page.tsx": ["audit.event"],
  "app/(portal)/customers/[id]/page.tsx": ["customers.get", "mail.contact"],
  "app/(portal)/customers/bulk/[id]/page.tsx": ["bulk.get", "bulk.progress", "mail.bulkTargets"],
  "app/(portal)/mail/[id]/page.tsx": ["mail.get"],
  "app/(onboarding)/mail/stop/[token]/page.tsx": {
    exempt: "a signed stop token: it names the customer (no environment is chosen)",
  },
  "app/(onboarding)/mail/stop/[token]/now/route.ts": {
    exempt: "a signed stop token: it names the customer (no environment is chosen)",
  },
  "app/(onboarding)/onboard/l/[token]/forward/route.ts": {
    exempt: "a signed link token: its row names the system, customer and environment (no environment is chosen)",
  },
  "app/(portal)/environments/[slug]/page.tsx": { exempt: ENVIRONMENTS },
  "app/(portal)/requests/[id]/page.tsx": ["requests.view", "requests.events"],
  "app/(portal)/systems/[id]/page.tsx": ["systems.get", "systems.changePlan", "systems.branding", "systems.readiness"],
  "app/(portal)/systems/[id]/promote/page.tsx": ["systems.get", "systems.promote"],
  "app/(portal)/systems/[id]/edit/page.tsx": ["systems.get"],
  "app/(portal)/systems/[id]/history/page.tsx": ["systems.get", "systems.history"],
  "app/(portal)/systems/[id]/sync/page.tsx": ["systems.get", "systems.drift"],
  "app/(portal)/users/[id]/page.tsx": { exempt: USERS },
  "app/(portal)/webhooks/[id]/page.tsx": ["webhooks.get", "webhooks.deliveries"],
  "app/brand/logo/[owner]/[id]/[file]/route.ts": {
    exempt: "a public logo named by its owner's id and content hash; it shows what public pages already show",
  },
  "app/api/auth/[...nextauth]/route.ts": { exempt: "NextAuth's own endpoints (sign-in, session): no data ids" },
  "app/api/bulk/[id]/result/route.ts": ["bulk.result"],
  "app/api/bulk/[id]/route.ts": ["bulk.progress"],
  "app/api/requests/[id]/route.ts": ["requests.view", "requests.refresh"],
};

const NO_ID = { exempt: "takes no id: it acts on the current environment only" } as const;

/** Every server action, as `<file>#<export>`. */
export const ACTIONS: Record<string, Entry> = {
  "app/(auth)/account/password/actions.ts#changePasswordAction": { exempt: "the signed-in person's own password" },
  "app/(auth)/signin/actions.ts#signInRetryMinutes": {
    exempt: "reads the sign-in throttle for a typed e-mail: no data ids",
  },
  "app/(portal)/account/actions.ts#endAllSessionsAction": { exempt: "the signed-in person's own sessions" },
  "app/(portal)/users/actions.ts#changeRoleAction": { exempt: USERS },
  "app/(portal)/users/actions.ts#createUserAction": { exempt: USERS },
  "app/(portal)/users/actions.ts#endSessionsAction": { exempt: USERS },
  "app/(portal)/users/actions.ts#resetPasswordAction": { exempt: USERS },
  "app/(portal)/users/actions.ts#setDisabledAction": { exempt: USERS },
  "app/(portal)/users/actions.ts#setOidcLinkAction": { exempt: USERS },
  "app/(portal)/audit/actions.ts#verifyAuditAction": {
    exempt: "takes no id: checks every chain of the installation, by design (ADR 020)",
  },
  "app/(portal)/audit/actions.ts#setRetentionAction": { exempt: "an installation-wide setting (admins): no id" },
  "app/(portal)/api-keys/actions.ts#createApiKeyAction": NO_ID,
  "app/(portal)/api-keys/actions.ts#revokeApiKeyAction": ["apikeys.revoke"],
  "app/(portal)/customers/actions.ts#createCustomerAction": NO_ID,
  "app/(portal)/customers/actions.ts#updateCustomerAction": ["customers.update"],
  "app/(portal)/customers/actions.ts#createSelectionAction": ["preflight.selection", "customers.selection"],
  "app/(portal)/customers/bulk/actions.ts#previewBulkAction": ["bulk.preview"],
  "app/(portal)/customers/bulk/actions.ts#startBulkAction": ["bulk.start"],
  "app/(portal)/customers/bulk/actions.ts#cancelBulkAction": ["bulk.cancel"],
  "app/(portal)/doctor/actions.ts#tokenDoctorAction": ["doctor.run"],
  "app/(portal)/environment/actions.ts#generateKeyAction": NO_ID,
  "app/(portal)/environment/actions.ts#testConnectionAction": NO_ID,
  "app/(portal)/environment/actions.ts#importKeyAction": NO_ID,
  "app/(portal)/environment/actions.ts#keyStepAction": ["keys.register", "keys.verify", "keys.activate", "keys.retire"],
  "app/(portal)/environments/actions.ts#createEnvironmentAction": { exempt: ENVIRONMENTS },
  "app/(portal)/environments/actions.ts#updateEnvironmentAction": { exempt: ENVIRONMENTS },
  "app/(portal)/environments/actions.ts#switchEnvironmentAction": { exempt: ENVIRONMENTS },
  "app/(portal)/environments/actions.ts#setAutoRenewAction": { exempt: ENVIRONMENTS },
  "app/(portal)/reconciliation/actions.ts#runReconciliationAction": NO_ID,
  "app/(portal)/reconciliation/actions.ts#resolveFindingAction": [
    "reconciliation.fix",
    "reconciliation.adopt",
    "reconciliation.ignore",
  ],
  "app/(portal)/reconciliation/actions.ts#reonboardAction": ["reconciliation.reonboard"],
  "app/(portal)/requests/actions.ts#createRequestAction": ["preflight.request", "requests.create"],
  "app/(portal)/requests/actions.ts#refreshRequestAction": ["requests.refresh"],
  "app/(portal)/requests/actions.ts#createOnboardingLinkAction": ["requests.link"],
  "app/(portal)/requests/actions.ts#renewRequestAction": ["requests.renew"],
  "app/(portal)/systems/[id]/actions.ts#updateSystemAction": ["systems.update"],
  "app/(portal)/systems/[id]/actions.ts#deleteSystemAction": ["systems.delete"],
  "app/(portal)/systems/[id]/promote/actions.ts#promoteSystemAction": ["systems.promote"],
  "app/(portal)/systems/[id]/actions.ts#setOpenOnboardingAction": ["systems.openOnboarding"],
  "app/(portal)/systems/[id]/actions.ts#resolveDriftAction": ["systems.resolveDrift"],
  "app/(portal)/systems/[id]/branding-actions.ts#saveSystemBrandingAction": ["systems.brandingSave"],
  "app/(portal)/systems/[id]/branding-actions.ts#resetSystemBrandingAction": ["systems.brandingReset"],
  "app/(portal)/environments/branding-actions.ts#saveEnvironmentBrandingAction": { exempt: ENVIRONMENTS },
  "app/(portal)/environments/branding-actions.ts#resetEnvironmentBrandingAction": { exempt: ENVIRONMENTS },
  "app/(portal)/systems/[id]/change-actions.ts#createChangeRequestsAction": ["systems.createChangeRequests"],
  "app/(portal)/systems/[id]/change-actions.ts#refreshChangeRequestsAction": ["systems.refreshChangeRequests"],
  "app/(portal)/systems/new/actions.ts#createSystemAction": NO_ID,
  "app/(portal)/webhooks/actions.ts#createEndpointAction": NO_ID,
  "app/(portal)/webhooks/actions.ts#updateEndpointAction": ["webhooks.update"],
  "app/(portal)/webhooks/actions.ts#setEnabledAction": ["webhooks.update"],
  "app/(portal)/webhooks/actions.ts#deleteEndpointAction": ["webhooks.delete"],
  "app/(portal)/webhooks/actions.ts#revealSecretAction": ["webhooks.reveal"],
  "app/(portal)/webhooks/actions.ts#rotateSecretAction": ["webhooks.rotate"],
  "app/(portal)/webhooks/actions.ts#sendTestAction": ["webhooks.test"],
  "app/(portal)/webhooks/actions.ts#replayDeliveryAction": ["webhooks.replayDelivery"],
  "app/(portal)/webhooks/actions.ts#replaySinceAction": ["webhooks.replaySince"],
  "app/(portal)/mail/actions.ts#saveMailSettingsAction": NO_ID,
  "app/(portal)/mail/actions.ts#sendTestMailAction": NO_ID,
  "app/(portal)/mail/actions.ts#saveContactAction": ["mail.saveContact"],
  "app/(portal)/mail/actions.ts#stopRemindersAction": ["mail.stopReminders"],
  "app/(portal)/mail/actions.ts#sendInvitationsAction": ["mail.invite"],
  "app/actions/locale.ts#switchLocale": { exempt: "the language cookie" },
};

/**
 * Every vendor API operation (lib/api/v1/index.ts OPERATIONS), by export name: the ids of environment B
 * it is called with (through its route handler, with a key of environment A), or why it takes none.
 */
export const API_CASES: Record<string, readonly string[] | Exempt> = {
  listSystemsOp: { exempt: "a list of the key's own environment" },
  getSystemOp: ["system id", "Altinn system id"],
  createSystemOp: { exempt: "creates in the key's own environment (a name, no id)" },
  replaceSystemOp: ["system id", "Altinn system id"],
  listCustomersOp: { exempt: "a list of the key's own environment" },
  getCustomerOp: ["customer id", "customer org number"],
  // An org number is not an id: it names the key's own customer (made if new); B's must stay untouched.
  upsertCustomerOp: ["customer org number"],
  createRequestOp: ["system id in the body"],
  listRequestsOp: ["system id filter"],
  getRequestOp: ["request id"],
  renewRequestOp: ["request id"],
  refreshRequestOp: ["request id"],
  withdrawRequestOp: ["request id"],
  createOnboardingLinkOp: ["system id in the body"],
  listSystemUsersOp: ["system id filter"],
  getSystemUserOp: ["system user id"],
  listEventsOp: { exempt: "the key's own environment's feed" },
  listWebhookEndpointsOp: { exempt: "a list of the key's own environment" },
  createWebhookEndpointOp: { exempt: "creates in the key's own environment" },
  getWebhookEndpointOp: ["endpoint id"],
  updateWebhookEndpointOp: ["endpoint id"],
  deleteWebhookEndpointOp: ["endpoint id"],
  rotateWebhookSecretOp: ["endpoint id"],
  testWebhookEndpointOp: ["endpoint id"],
  replayWebhooksOp: ["endpoint id"],
  listWebhookDeliveriesOp: ["endpoint id"],
  replayWebhookDeliveryOp: ["delivery id"],
  issueTokenOp: ["system id in the body"],
};

export const isExempt = (e: Entry | readonly string[] | Exempt): e is Exempt => "exempt" in e;
