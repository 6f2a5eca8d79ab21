import { describe } from "vitest";
import { createPostgresDatabase, postgresAnswers } from "@/test/databases";
import { flowSuite } from "@/test/flow-suite";

const available = await postgresAnswers();

describe.skipIf(!available)("data layer against PostgreSQL on 127.0.0.1:5432", () => flowSuite(createPostgresDatabase));
