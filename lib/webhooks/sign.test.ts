import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { newWebhookSecret, signatureHeaders } from "@/lib/webhooks/sign";

describe("signatureHeaders", () => {
  const body = JSON.stringify({ id: "e1", type: "webhook.test", data: {} });

  it("signs so that the standardwebhooks library verifies, with either secret during a rotation", () => {
    const [oldSecret, newSecret, other] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    expect(newSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signatureHeaders("msg_1", new Date(), body, [newSecret, oldSecret]);
    expect(headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(new Webhook(newSecret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(oldSecret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(other).verify(body, headers)).toThrow(/No matching signature/);
  });

  it("fails for a changed body or an old timestamp", () => {
    const secret = newWebhookSecret();
    const headers = signatureHeaders("msg_2", new Date(), body, [secret]);
    expect(() => new Webhook(secret).verify(body.replace("e1", "e2"), headers)).toThrow(/No matching signature/);
    const old = signatureHeaders("msg_2", new Date(Date.now() - 10 * 60_000), body, [secret]);
    expect(() => new Webhook(secret).verify(body, old)).toThrow(/too old/);
  });
});
