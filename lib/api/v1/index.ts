import type { AnyOperation } from "@/lib/api/operation";
import { createOnboardingLinkOp } from "@/lib/api/v1/onboarding-links";
import { getCustomerOp, listCustomersOp, upsertCustomerOp } from "@/lib/api/v1/customers";
import { listEventsOp } from "@/lib/api/v1/events";
import {
  createRequestOp,
  getRequestOp,
  listRequestsOp,
  refreshRequestOp,
  renewRequestOp,
  withdrawRequestOp,
} from "@/lib/api/v1/requests";
import { getSystemUserOp, listSystemUsersOp } from "@/lib/api/v1/system-users";
import { createSystemOp, getSystemOp, listSystemsOp, replaceSystemOp } from "@/lib/api/v1/systems";
import { issueTokenOp } from "@/lib/api/v1/tokens";
import {
  listWebhookDeliveriesOp,
  replayWebhookDeliveryOp,
  replayWebhooksOp,
  testWebhookEndpointOp,
} from "@/lib/api/v1/webhook-deliveries";
import {
  createWebhookEndpointOp,
  deleteWebhookEndpointOp,
  getWebhookEndpointOp,
  listWebhookEndpointsOp,
  rotateWebhookSecretOp,
  updateWebhookEndpointOp,
} from "@/lib/api/v1/webhooks";

/** Every /api/v1 operation, in the order the reference shows them. */
export const OPERATIONS: AnyOperation[] = [
  listSystemsOp,
  getSystemOp,
  createSystemOp,
  replaceSystemOp,
  listCustomersOp,
  getCustomerOp,
  upsertCustomerOp,
  createRequestOp,
  listRequestsOp,
  getRequestOp,
  renewRequestOp,
  refreshRequestOp,
  withdrawRequestOp,
  createOnboardingLinkOp,
  listSystemUsersOp,
  getSystemUserOp,
  listEventsOp,
  listWebhookEndpointsOp,
  createWebhookEndpointOp,
  getWebhookEndpointOp,
  updateWebhookEndpointOp,
  deleteWebhookEndpointOp,
  rotateWebhookSecretOp,
  testWebhookEndpointOp,
  replayWebhooksOp,
  listWebhookDeliveriesOp,
  replayWebhookDeliveryOp,
  issueTokenOp,
];
