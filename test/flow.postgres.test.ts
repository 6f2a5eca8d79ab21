import { createPostgresDatabase, postgresAnswers } from "@/test/databases";
import { flowSuite } from "@/test/flow-suite";
import { describePostgres } from "@/test/require-postgres";

const available = await postgresAnswers();

// Skipped without PostgreSQL, unless REQUIRE_POSTGRES is set (CI): then its absence fails the run.
describePostgres("data layer against PostgreSQL on 127.0.0.1:5432", available, () => flowSuite(createPostgresDatabase));
