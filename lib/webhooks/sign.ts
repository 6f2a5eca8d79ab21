import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

// Standard Webhooks signing (https://www.standardwebhooks.com): the library signs
// `${id}.${timestamp}.${body}` with HMAC-SHA256 and returns "v1,<base64>". Receivers verify with the same
// library in their language, so we use it rather than our own HMAC and a format that could drift.

/** Binds a sealed secret to its endpoint (lib/core/master-key.ts), so one row's secret cannot be moved to another. */
export const webhookAad = (endpointId: string) => `webhook:${endpointId}`;

/** A new signing secret: `whsec_` and 32 random bytes, base64 (the form the libraries read). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;

/**
 * The three headers for one attempt. During a rotation both secrets sign and both signatures go in
 * webhook-signature, space-separated: a receiver with either secret accepts the message.
 */
export function signatureHeaders(msgId: string, at: Date, body: string, secrets: string[]): Record<string, string> {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(" "),
  };
}
