import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { problemToError } from "@/lib/integrations/altinn/problems";
import { explainMaskinportenError } from "@/lib/integrations/maskinporten/errors";
import { apiProblemOf } from "./errors";
import { PROBLEM_CODES } from "./problem-codes";

const t = (key: string) => `t(${key})`;
const text = { nb: "nb", en: "en" };

describe("apiProblemOf", () => {
  it("folds Altinn's validation problems into altinn_validation (422), its code and fields kept", () => {
    const err = problemToError(
      400,
      {
        code: "AUTH.VLD-00005",
        validationErrors: [{ code: "AUTH.VLD-00005", paths: ["/registersystemrequest/allowedredirecturls"] }],
      },
      "",
    );
    expect(apiProblemOf(err, t, { redirectUrls: "redirectUrls" })).toMatchObject({
      status: 422,
      code: "altinn_validation",
      extra: {
        upstreamCode: "AUTH.VLD-00005",
        errors: [{ path: "body.redirectUrls", message: "t(sysreg.vld.00005)" }],
      },
    });
  });

  it("maps Altinn's statuses: conflicts 409, access 502, busy 503 with Retry-After, failures 502", () => {
    expect(apiProblemOf(problemToError(400, { code: "AUTH-00004" }, ""), t)).toMatchObject({
      status: 409,
      code: "altinn_conflict",
    });
    expect(apiProblemOf(problemToError(403, null, ""), t)).toMatchObject({ status: 502, code: "altinn_access_denied" });
    expect(apiProblemOf(problemToError(429, null, "", 7_500), t)).toMatchObject({
      status: 503,
      code: "altinn_busy",
      headers: { "retry-after": "8" },
    });
    const failed = apiProblemOf(problemToError(500, null, "boom"), t);
    expect(failed).toMatchObject({ status: 502, code: "altinn_error" });
    expect(failed.extra?.upstreamCode).toBeUndefined();
    expect(apiProblemOf(problemToError(404, { code: "AUTH-00011" }, ""), t)).toMatchObject({
      status: 409,
      code: "system_missing_in_altinn",
    });
  });

  it("answers Maskinporten's refusals as maskinporten_error (502) with their code", () => {
    const err = explainMaskinportenError(400, {
      error: "invalid_client",
      error_description: "MP-100 client not found",
    });
    expect(apiProblemOf(err, t)).toMatchObject({
      status: 502,
      code: "maskinporten_error",
      extra: { upstreamCode: "MP-100" },
    });
  });

  it("turns the data layer's invalid_input and forbidden into the transport's own codes", () => {
    const zod = z.object({ orgNo: z.string().min(9, "errors.orgNoFormat") }).safeParse({ orgNo: "1" });
    const invalid = new AppError("invalid_input", text, 400, { cause: zod.error });
    expect(apiProblemOf(invalid, t)).toMatchObject({
      status: 400,
      code: "invalid_request",
      extra: { errors: [{ path: "body.orgNo", message: "t(errors.orgNoFormat)" }] },
    });
    expect(apiProblemOf(new AppError("forbidden", text, 403), t)).toMatchObject({
      status: 403,
      code: "insufficient_scope",
    });
  });

  it("keeps a domain code, with the status the catalog gives it; an unknown code and a built problem pass as they are", () => {
    expect(apiProblemOf(new AppError("system_missing_in_altinn", text, 404), t)).toMatchObject({ status: 409 });
    expect(apiProblemOf(new AppError("request_not_open", text, 409), t)).toMatchObject({
      status: 409,
      code: "request_not_open",
      messages: text,
    });
    expect(apiProblemOf(new AppError("something_new", text, 418), t)).toEqual({
      status: 418,
      code: "something_new",
      messages: text,
    });
    const built = new AppError("no_system_user", text, 422, { extra: { diagnosis: { cause: "c", detail: "d" } } });
    expect(apiProblemOf(built, t)).toMatchObject({
      status: 422,
      code: "no_system_user",
      extra: { diagnosis: { cause: "c" } },
    });
  });

  it("has a status for every code in the catalog", () => {
    for (const [code, entry] of Object.entries(PROBLEM_CODES)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.text.nb && entry.text.en, code).toBeTruthy();
    }
  });
});
