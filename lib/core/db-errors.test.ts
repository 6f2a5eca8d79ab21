import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/core/db-errors";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("knows a lost database in each dress it comes in", () => {
    expect(isDatabaseUnavailable(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("the database system is starting up", "57P03"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    // Prisma's client error, and the driver adapter's mapped kind behind another error.
    expect(isDatabaseUnavailable(withCode("Can't reach database server at 127.0.0.1:5432", "P1001"))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error("query failed", { cause: { kind: "DatabaseNotReachable", host: "h" } })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("", { cause: { kind: "postgres", code: "57P01" } }))).toBe(true);
  });

  it("leaves every other failure alone", () => {
    expect(isDatabaseUnavailable(withCode("duplicate key value violates unique constraint", "23505"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("deadlock detected", "40P01"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Altinn answered 503"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("x", { cause: { kind: "postgres", code: "23505" } }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
