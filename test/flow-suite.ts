// One integration suite, run once per database engine (each engine in its own test file, because
// db and env() are per-process singletons).
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import type { TestDatabase } from "./databases";
import { startPortal, type Portal } from "./portal";
import { auditTests } from "./suites/audit";
import { chainTests } from "./suites/chain";
import { publicOnboardingTests } from "./suites/public-onboarding";
import { customerTests } from "./suites/customers";
import { keyTests } from "./suites/keys";
import { keyImportTests } from "./suites/key-import";
import { outageTests } from "./suites/outage";
import { outboundTests } from "./suites/outbound";
import { connectionTests } from "./suites/connection";
import { roleTests } from "./suites/roles";
import { environmentTests } from "./suites/environments";
import { tokenDoctorTests } from "./suites/token-doctor";
import { rotationTests } from "./suites/rotation";
import { systemAdminTests } from "./suites/systems-admin";
import { changeRequestTests } from "./suites/change-requests";
import { pollerTests } from "./suites/poller";
import { reconciliationTests } from "./suites/reconciliation";
import { agentTests } from "./suites/agents";
import { bulkTests } from "./suites/bulk";

export type PortalRef = () => Portal;

export function flowSuite(startDatabase: () => Promise<TestDatabase>) {
  let database: TestDatabase | undefined;
  let portal: Portal | undefined;
  const ref: PortalRef = () => {
    if (!portal) throw new Error("the portal did not start (see beforeAll)");
    return portal;
  };

  beforeAll(async () => {
    database = await startDatabase();
    portal = await startPortal(database.url);
  });

  // Each test sees the environment as it is now, the way each request to the app reads it afresh.
  beforeEach(async () => {
    await portal?.refreshEnvironment();
  });

  afterAll(async () => {
    await portal?.stop();
    await database?.stop();
  });

  // Order matters: the chain creates the system and request the later groups look at.
  describe("roles are enforced in the data layer", () => roleTests(ref));
  describe("the chain from key to system user", () => chainTests(ref));
  describe("public onboarding: outcomes, signed links, rate limits", () => publicOnboardingTests(ref));
  describe("customers, request timeline and renew", () => customerTests(ref));
  describe("signing key storage", () => keyTests(ref));
  describe("signing key import", () => keyImportTests(ref));
  describe("audit chain", () => auditTests(ref));
  describe("Altinn outage", () => outageTests(ref));
  describe("outbound call log", () => outboundTests(ref));
  describe("test connection", () => connectionTests(ref));
  describe("environments side by side", () => environmentTests(ref));
  describe("token doctor and system-user tokens", () => tokenDoctorTests(ref));
  describe("System Register management", () => systemAdminTests(ref));
  describe("access packages, rights and change requests", () => changeRequestTests(ref));
  describe("background status poller", () => pollerTests(ref));
  describe("key rotation", () => rotationTests(ref));
  describe("reconciliation with Altinn and the requests list", () => reconciliationTests(ref));
  describe("agents and clients (accounting firms)", () => agentTests(ref));
  describe("bulk onboarding", () => bulkTests(ref));
}
