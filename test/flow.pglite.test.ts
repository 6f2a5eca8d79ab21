import { describe } from "vitest";
import { startPglite } from "@/test/databases";
import { flowSuite } from "@/test/flow-suite";

describe("data layer against embedded PGlite", () => flowSuite(startPglite));
