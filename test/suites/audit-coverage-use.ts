import { expect, it } from "vitest";
import type { EnvironmentView } from "@/lib/environments/types";
import type { PortalRef } from "../flow-suite";
import { ORG_BLOCKS, orgPool } from "../org-numbers";
import type { Portal } from "../portal";
import { seedRequest, seedSystem } from "../seed";
import { latest, recordsNothing } from "./audit-coverage-helpers";

const orgs = orgPool(ORG_BLOCKS.auditCover);
const DAY_MS = 86_400_000;

const useEvents = (p: Portal, keyId: string, outcome: "success" | "failure") =>
  p.db.auditEvent.findMany({ where: { action: "apikey.use", targetId: keyId, outcome }, orderBy: { seq: "asc" } });

/** Customers, exports, the subject columns and API key use (audit-coverage's second half). */
export function auditUseTests(ref: PortalRef, environment: () => EnvironmentView) {
  const as = (role: "admin" | "operator") => ref().scope(ref().actors[role], environment());

  it("customers: create and update name the customer (orgNumber column), a no-op save is silent", async () => {
    const p = ref();
    const orgNo = orgs.one();
    const { id } = await p.m.customers.createCustomer(as("operator"), {
      orgNo,
      name: "Fjord AS",
      notes: "",
      tags: "pilot",
    });
    const created = await latest(p, "customer.create", id);
    expect(created).toMatchObject({ orgNumber: orgNo, environmentId: environment().id });
    expect(created.detail).toEqual({ after: { orgNo, name: "Fjord AS", notes: "", tags: ["pilot"] } });
    await p.m.customers.updateCustomer(as("operator"), { id, name: "Fjord ASA", notes: "", tags: "pilot" });
    const updated = await latest(p, "customer.update", id);
    expect(updated).toMatchObject({ orgNumber: orgNo });
    expect(updated.detail).toEqual({ before: { name: "Fjord AS" }, after: { name: "Fjord ASA" } });
    await recordsNothing(p, () =>
      p.m.customers.updateCustomer(as("operator"), { id, name: "Fjord ASA", notes: "", tags: "pilot" }),
    );
  });

  it("audits the customers export and the bulk result export: who took which file", async () => {
    const p = ref();
    const csv = await p.m.customerExport.exportCustomersCsv(as("operator"));
    const rows = csv.trimEnd().split("\r\n").length - 1;
    expect(await latest(p, "customers.export", environment().slug)).toMatchObject({
      actorId: p.actors.operator.id,
      environmentId: environment().id,
      outcome: "success",
      detail: { format: "csv", rows },
    });

    const bulk = { ...(await import("@/lib/bulk/jobs")), ...(await import("@/lib/bulk/result")) };
    const system = await seedSystem(p, { prefix: "acov-bulk" });
    const lines = ["orgnr;navn", ...orgs.take(2).map((o, i) => `${o};Kunde ${i}`)].join("\n");
    const { id } = await bulk.previewBulkUpload(
      p.scope(p.actors.operator),
      { systemId: system.id, fileName: "kunder.csv" },
      new TextEncoder().encode(lines),
    );
    const result = await bulk.bulkResultCsv(p.scope(p.actors.operator), id, "en");
    const exported = await latest(p, "bulk.result_export", id);
    expect(exported).toMatchObject({ actorId: p.actors.operator.id, systemId: system.systemId });
    expect(exported.detail).toEqual({ format: "csv", rows: 2, fileName: result.fileName });
  });

  it("a request's events name its customer and system, so the filters find them", async () => {
    const p = ref();
    const { withdrawRequest } = await import("@/lib/requests/withdraw");
    const orgNo = orgs.one();
    const seeded = await seedRequest(p, { orgNo });
    await withdrawRequest(p.scope(p.actors.operator), seeded.id);
    expect(await latest(p, "request.delete", seeded.id)).toMatchObject({
      orgNumber: orgNo,
      systemId: seeded.system.systemId,
    });
    const found = await p.db.auditEvent.findMany({
      where: { orgNumber: orgNo, systemId: seeded.system.systemId },
      select: { action: true },
    });
    expect(found.map((e) => e.action)).toEqual(expect.arrayContaining(["request.create", "request.delete"]));
  });

  it("records an API key's use once per key and UTC day, however many calls and processes", async () => {
    const p = ref();
    const { createApiKey, revokeApiKey } = await import("@/lib/apikeys/write");
    const { authenticateApiKey } = await import("@/lib/apikeys/authenticate");
    const { auditKeyUse, utcDay } = await import("@/lib/apikeys/use");
    const key = await createApiKey(as("admin"), { name: "acov use", scopes: ["systems:read"] });
    const use = { id: key.id, prefix: key.prefix, environmentId: environment().id };

    for (let i = 0; i < 3; i++) expect(await authenticateApiKey(`Bearer ${key.secret}`)).toHaveProperty("actor");
    const today = new Date().toISOString().slice(0, 10);
    const first = await useEvents(p, key.id, "success");
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ actorType: "api_key", actorId: key.id, environmentId: environment().id });
    expect(first[0]?.detail).toEqual({ prefix: key.prefix, day: today });

    // Eight processes seeing tomorrow's first call at once (none has it in memory): one records it.
    const tomorrow = new Date(utcDay(new Date()).getTime() + DAY_MS + 1000);
    const won = await Promise.all(Array.from({ length: 8 }, () => auditKeyUse(use, { outcome: "success" }, tomorrow)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await useEvents(p, key.id, "success")).map((e) => (e.detail as { day: string }).day)).toEqual([
      today,
      tomorrow.toISOString().slice(0, 10),
    ]);
    expect((await p.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUseDay).toEqual(utcDay(tomorrow));

    // A revoked key still calling: its first refusal of the day, once.
    await revokeApiKey(as("admin"), key.id);
    for (let i = 0; i < 3; i++) expect(await authenticateApiKey(`Bearer ${key.secret}`)).toBe("revoked");
    const refused = await useEvents(p, key.id, "failure");
    expect(refused).toHaveLength(1);
    expect(refused[0]?.detail).toEqual({ prefix: key.prefix, day: today, reason: "revoked" });
    await recordsNothing(p, () => auditKeyUse(use, { outcome: "failure", reason: "revoked" }));
  });
}
