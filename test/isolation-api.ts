// The vendor API calls of the isolation suite: for each operation of API_CASES, one call per case (named
// there), made through the operation's route handler with environment B's ids.
import type { ApiCall } from "./api-client";
import type { BIds } from "./isolation-seed";

const definition = {
  displayName: { nb: "Overtatt", nn: "Overteke", en: "Taken over" },
  description: { nb: "x", nn: "x", en: "x" },
  accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
  redirectUrls: ["https://vendor.example/callback"],
};

/** By operation export name; the calls in the order of API_CASES' case names. */
export function apiCalls(ids: BIds, orgNo: () => string): Record<string, ApiCall[]> {
  const id = (path: string, value: string): ApiCall => ({ path: path.replace("{id}", value), params: { id: value } });
  return {
    getSystemOp: [id("/systems/{id}", ids.system), id("/systems/{id}", ids.altinnSystemId)],
    replaceSystemOp: [
      { ...id("/systems/{id}", ids.system), body: definition },
      { ...id("/systems/{id}", ids.altinnSystemId), body: definition },
    ],
    getCustomerOp: [id("/customers/{id}", ids.customer), id("/customers/{id}", ids.customerOrgNo)],
    upsertCustomerOp: [{ ...id("/customers/{id}", ids.customerOrgNo), body: { name: "Overtatt" } }],
    createRequestOp: [{ path: "/requests", body: { systemId: ids.system, orgNo: orgNo() } }],
    listRequestsOp: [{ path: `/requests?systemId=${ids.system}` }],
    getRequestOp: [id("/requests/{id}", ids.request)],
    renewRequestOp: [id("/requests/{id}/renew", ids.request)],
    refreshRequestOp: [id("/requests/{id}/refresh", ids.request)],
    withdrawRequestOp: [id("/requests/{id}", ids.request)],
    createOnboardingLinkOp: [{ path: "/onboarding-links", body: { systemId: ids.system, orgNo: orgNo() } }],
    listSystemUsersOp: [{ path: `/system-users?systemId=${ids.system}` }],
    getSystemUserOp: [id("/system-users/{id}", ids.systemUser)],
    getWebhookEndpointOp: [id("/webhook-endpoints/{id}", ids.endpoint)],
    updateWebhookEndpointOp: [{ ...id("/webhook-endpoints/{id}", ids.endpoint), body: { enabled: false } }],
    deleteWebhookEndpointOp: [id("/webhook-endpoints/{id}", ids.endpoint)],
    rotateWebhookSecretOp: [id("/webhook-endpoints/{id}/rotate-secret", ids.endpoint)],
    testWebhookEndpointOp: [id("/webhook-endpoints/{id}/test", ids.endpoint)],
    replayWebhooksOp: [
      { ...id("/webhook-endpoints/{id}/replay", ids.endpoint), body: { since: new Date(0).toISOString() } },
    ],
    listWebhookDeliveriesOp: [id("/webhook-endpoints/{id}/deliveries", ids.endpoint)],
    replayWebhookDeliveryOp: [id("/webhook-deliveries/{id}/replay", ids.delivery)],
    issueTokenOp: [{ path: "/tokens", body: { systemId: ids.system, orgNo: ids.customerOrgNo } }],
  };
}

/** Reads whose answer in B (with B's key) must be 200: the ids are real, so A's 404 means "not yours". */
export const API_READS = [
  "getSystemOp",
  "getCustomerOp",
  "getRequestOp",
  "getSystemUserOp",
  "getWebhookEndpointOp",
  "listWebhookDeliveriesOp",
] as const;
