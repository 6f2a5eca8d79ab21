import { describe, expect, it } from "vitest";
import { POSTGRES_REQUIRED_MESSAGE, postgresDecision, postgresRequired } from "@/test/postgres-required";

describe("REQUIRE_POSTGRES", () => {
  it("runs the PostgreSQL tests whenever PostgreSQL answers", () => {
    expect(postgresDecision(true, {})).toBe("run");
    expect(postgresDecision(true, { REQUIRE_POSTGRES: "1" })).toBe("run");
  });

  it("skips them when PostgreSQL is absent and nothing requires it", () => {
    expect(postgresDecision(false, {})).toBe("skip");
    expect(postgresDecision(false, { REQUIRE_POSTGRES: "0" })).toBe("skip");
    expect(postgresDecision(false, { REQUIRE_POSTGRES: "" })).toBe("skip");
  });

  it("fails with a message saying what to do when PostgreSQL is required and absent", () => {
    expect(() => postgresDecision(false, { REQUIRE_POSTGRES: "1" })).toThrow(POSTGRES_REQUIRED_MESSAGE);
    expect(POSTGRES_REQUIRED_MESSAGE).toMatch(
      /REQUIRE_POSTGRES.*127\.0\.0\.1:5432|127\.0\.0\.1:5432.*REQUIRE_POSTGRES/,
    );
  });

  it("reads the switch from the environment", () => {
    expect(postgresRequired({ REQUIRE_POSTGRES: "1" })).toBe(true);
    expect(postgresRequired({ REQUIRE_POSTGRES: "true" })).toBe(true);
    expect(postgresRequired({ REQUIRE_POSTGRES: "false" })).toBe(false);
    expect(postgresRequired({})).toBe(false);
  });
});
