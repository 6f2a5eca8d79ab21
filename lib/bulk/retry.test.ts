import { describe, expect, it } from "vitest";
import { backoffMs, decideRetry, MAX_ATTEMPTS } from "@/lib/bulk/retry";
import { parseRetryAfter, problemToError } from "@/lib/integrations/altinn/problems";
import { AppError } from "@/lib/core/errors";

const half = () => 0.5;

describe("bulk retry decisions", () => {
  it("backs off exponentially up to a minute", () => {
    expect([1, 2, 3, 7, 20].map((a) => backoffMs(a, half))).toEqual([1000, 2000, 4000, 60_000, 60_000]);
  });

  it("honours Retry-After on 429 and 503, as seconds or as a date", () => {
    expect(decideRetry(problemToError(429, null, "", 7000), 1, half)).toEqual({ retry: true, delayMs: 7000 });
    expect(decideRetry(problemToError(503, null, "", null), 3, half)).toEqual({ retry: true, delayMs: 4000 });
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeNull();
  });

  it("does not retry an answer about the customer, nor past the attempt limit", () => {
    expect(decideRetry(problemToError(400, { code: "AUTH-00000" }, ""), 1)).toEqual({ retry: false });
    expect(decideRetry(new AppError("altinn_unreachable", { nb: "", en: "" }, 503), MAX_ATTEMPTS)).toEqual({
      retry: false,
    });
    expect(decideRetry(new AppError("altinn_unreachable", { nb: "", en: "" }, 503), 1, half)).toEqual({
      retry: true,
      delayMs: 1000,
    });
  });
});
