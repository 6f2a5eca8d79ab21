import { describe, expect, it } from "vitest";
import { problemToError } from "@/lib/integrations/altinn/problems";
import { explainMaskinportenError } from "@/lib/integrations/maskinporten/errors";

describe("Altinn problem bodies become plain-language errors", () => {
  it("takes the first validation error's code from a validation problem (CONTRACT §7.1)", () => {
    const body = {
      type: "urn:altinn:error:STD-00000",
      title: "One or more validation errors occurred.",
      status: 400,
      code: "STD-00000",
      validationErrors: [
        { code: "AUTH.VLD-00005", title: "redirect url format", paths: ["/registersystemrequest/allowedredirecturls"] },
      ],
    };
    const err = problemToError(400, body, JSON.stringify(body));
    expect(err.code).toBe("AUTH.VLD-00005");
    expect(err.status).toBe(400);
    expect(err.userMessage.nb).toContain("https");
  });

  it("maps AUTH codes and keeps Altinn's 404 status", () => {
    const err = problemToError(
      404,
      { code: "AUTH-00011", title: "The Id does not refer to a Registered System.", status: 404 },
      "",
    );
    expect(err).toMatchObject({ code: "AUTH-00011", status: 404 });
    expect(err.userMessage.en).toContain("Register the system first");
  });

  it("explains empty 401/403 bodies and passes unknown titles through", () => {
    expect(problemToError(403, null, "").userMessage.en).toContain("denied access");
    const err = problemToError(400, null, "Cannot update a system marked as deleted.");
    expect(err.code).toBe("http_400");
    expect(err.userMessage.en).toContain("Cannot update a system marked as deleted.");
  });

  it("turns Altinn 5xx into 502 for our callers", () => {
    expect(problemToError(503, null, "").status).toBe(502);
  });
});

describe("Maskinporten errors", () => {
  it.each([
    ["invalid_grant", "MP-110 Invalid assertion. Client authentication failed. Invalid JWT claim aud", "MP-110"],
    ["invalid_grant", "MP-121 Invalid assertion. Client authentication failed. Expired key", "MP-121"],
    ["invalid_grant", "Invalid assertion. Grant is used before", "MP-jti"],
    ["invalid_grant", "MP-100 Invalid assertion. Client authentication failed.", "MP-100"],
    ["invalid_scope", "Token request contains invalid scopes for client", "invalid_scope"],
    ["invalid_altinn_customer_configuration", "MP-303 system user not found", "MP-303"],
  ])("%s / %s → %s", (error, description, code) => {
    const err = explainMaskinportenError(400, { error, error_description: description });
    expect(err.code).toBe(code);
    expect(err.userMessage.nb.length).toBeGreaterThan(10);
  });

  it("keeps an unknown error's own code", () => {
    expect(explainMaskinportenError(400, { error: "unsupported_grant_type" }).code).toBe("unsupported_grant_type");
    expect(explainMaskinportenError(500, null)).toMatchObject({ code: "http_500", status: 502 });
  });
});
