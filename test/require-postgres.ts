// describe() for the PostgreSQL half of the integration tests (the decision: test/postgres-required.ts,
// shared with the browser tests' e2e/servers.ts, which must not load vitest).
import { describe, it } from "vitest";
import { postgresDecision } from "@/test/postgres-required";

/** describe() on PostgreSQL: skipped when it is absent and not required, one failing test when required. */
export function describePostgres(name: string, available: boolean, body: () => void): void {
  let decision: "run" | "skip";
  try {
    decision = postgresDecision(available);
  } catch (err) {
    describe(name, () => {
      it("needs PostgreSQL (REQUIRE_POSTGRES is set)", () => {
        throw err;
      });
    });
    return;
  }
  describe.skipIf(decision === "skip")(name, body);
}
