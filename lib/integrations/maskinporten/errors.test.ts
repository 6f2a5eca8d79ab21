import { describe, expect, it } from "vitest";
import { clockSkewText, explainMaskinportenError } from "@/lib/integrations/maskinporten/errors";

const grant = (error_description: string, error = "invalid_grant") => ({ error, error_description });

describe("Maskinporten errors in plain language", () => {
  it.each([
    [grant("MP-100 Invalid assertion. Client authentication failed."), "MP-100", "public key registered"],
    [grant("MP-110 Invalid assertion. Client authentication failed. Invalid JWT claim aud"), "MP-110", "audience"],
    [grant("MP-121 Invalid assertion. Client authentication failed. Expired key"), "MP-121", "expired"],
    [
      grant("Token request contains invalid scopes for client", "invalid_scope"),
      "invalid_scope",
      "lacks one or more requested scopes",
    ],
    [grant("MP-303 System user not found", "invalid_altinn_customer_configuration"), "MP-303", "No system user"],
    [grant("Grant is used before"), "MP-jti", "seen this grant"],
  ])("maps %j to %s", (body, code, text) => {
    const err = explainMaskinportenError(400, body);
    expect(err.code).toBe(code);
    expect(err.userMessage.en).toContain(text);
    expect(err.userMessage.nb.length).toBeGreaterThan(10);
  });

  it("maps the iat failure to clock_skew, ahead of MP-100 whose words it shares", () => {
    const body = grant(
      "Invalid assertion. Client authentication failed. Invalid JWT claim iat: must be within 10 seconds of the server clock",
    );
    const err = explainMaskinportenError(400, body);
    expect(err.code).toBe("clock_skew");
    expect(err.userMessage.en).toContain("±10 s");
  });

  it("names the measured offset when Maskinporten's Date header shows it", () => {
    const body = grant(
      "Invalid assertion. Client authentication failed. Invalid JWT claim iat: must be within 10 seconds of the server clock",
    );
    const err = explainMaskinportenError(400, body, 300_400);
    expect(err.code).toBe("clock_skew");
    expect(err.userMessage.en).toBe(
      "Your server's clock differs from Maskinporten's by 300 s (it is behind Maskinporten's); grants must be within ±10 s. Synchronise the clock (NTP).",
    );
    expect(err.userMessage.nb).toContain("300 s");
  });

  it("explains a terse invalid_grant as clock skew when the clocks are more than 10 s apart, and not when they agree", () => {
    const terse = grant("MP-100 Invalid assertion. Client authentication failed.");
    expect(explainMaskinportenError(400, terse, -42_000)).toMatchObject({
      code: "clock_skew",
      userMessage: { en: expect.stringContaining("by 42 s (it is ahead of") },
    });
    expect(explainMaskinportenError(400, terse, 9_000).code).toBe("MP-100");
    expect(explainMaskinportenError(400, grant("x", "invalid_scope"), 60_000).code).toBe("invalid_scope");
  });

  it("falls back to the OAuth error code or the HTTP status", () => {
    expect(explainMaskinportenError(400, grant("?", "unsupported_grant_type")).code).toBe("unsupported_grant_type");
    expect(explainMaskinportenError(503, null)).toMatchObject({ code: "http_503", status: 502 });
    expect(clockSkewText(0).en).toContain("by 0 s");
  });
});
