// The PostgreSQL half of the integration and browser tests runs when PostgreSQL at 127.0.0.1:5432
// answers. On a laptop without one it is skipped; CI (.ci/run) sets REQUIRE_POSTGRES=1, so there an
// absent PostgreSQL fails the run instead of passing it with half the tests silently left out.
export const POSTGRES_REQUIRED_MESSAGE =
  "PostgreSQL at 127.0.0.1:5432 does not answer, and REQUIRE_POSTGRES is set: start it (pg_ctlcluster <version> main start) or unset REQUIRE_POSTGRES to skip the PostgreSQL tests";

export const postgresRequired = (vars: Record<string, string | undefined> = process.env) =>
  !!vars.REQUIRE_POSTGRES && vars.REQUIRE_POSTGRES !== "0" && vars.REQUIRE_POSTGRES !== "false";

/** "run" when PostgreSQL answers, "skip" when it does not and nothing requires it; throws when required. */
export function postgresDecision(available: boolean, vars: Record<string, string | undefined> = process.env) {
  if (available) return "run" as const;
  if (postgresRequired(vars)) throw new Error(POSTGRES_REQUIRED_MESSAGE);
  return "skip" as const;
}
