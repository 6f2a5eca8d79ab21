import { afterAll, expect, it, vi } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch } from "../emulator-api";
import { altinnCall, counts, CUSTOMER_ORG, expectAppError } from "../helpers";

const SYSTEM_ID = "991825827_lonn-sync";
// Organisations in the emulator's register that no other suite uses, so this suite can clean up after itself.
const REJECTS = "311876546";
const ESCALATES = "312345129";
const LINKED = "311001116";
const OURS = [REJECTS, ESCALATES, LINKED];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts onboarding as the public page does and returns our ref and Altinn's id. */
async function start(p: Portal, orgNo: string) {
  const confirmUrl = await p.m.onboarding.startOnboarding("local", SYSTEM_ID, orgNo);
  const altinnId = new URL(confirmUrl).searchParams.get("id") ?? "";
  const row = await p.db.systemUserRequest.findUniqueOrThrow({
    where: { altinnRequestId: altinnId },
    select: { id: true },
  });
  return { ref: row.id, altinnId, confirmUrl };
}

const decide = (p: Portal, altinnId: string, what: "approve" | "reject" | "escalate") =>
  emulatorFetch(p.emulatorUrl, `/emulator/requests/${altinnId}/${what}`, { body: {} });

export function publicOnboardingTests(ref: PortalRef) {
  const refs: Record<string, string> = {};

  afterAll(async () => {
    // Later suites count requests and customers: leave Altinn and the database as this suite found them.
    const p = ref();
    const rows = await p.db.systemUserRequest.findMany({
      where: { customer: { orgNo: { in: OURS } } },
      select: { id: true, altinnRequestId: true },
    });
    for (const r of rows) await altinnCall(p, `/systemuser/request/vendor/${r.altinnRequestId}`, "DELETE");
    for (const u of await p.db.systemUser.findMany({ where: { customer: { orgNo: { in: OURS } } } })) {
      await emulatorFetch(p.emulatorUrl, `/emulator/systemusers/${u.altinnSystemUserId}`, { method: "DELETE" });
    }
    const where = { customer: { orgNo: { in: OURS } } };
    await p.db.systemUser.deleteMany({ where });
    await p.db.systemUserRequest.deleteMany({ where });
    await p.db.customer.deleteMany({ where: { orgNo: { in: OURS } } });
  });

  it("shows pending, then rejected, and a restart gives a fresh request that can be approved", async () => {
    const p = ref();
    const first = await start(p, REJECTS);
    await expect(p.m.onboarding.completeOnboarding(first.ref)).resolves.toMatchObject({
      kind: "pending",
      orgNo: REJECTS,
      ref: first.ref,
    });
    expect((await decide(p, first.altinnId, "reject")).status).toBe(200);
    await expect(p.m.onboarding.completeOnboarding(first.ref)).resolves.toMatchObject({
      kind: "rejected",
      orgNo: REJECTS,
    });

    const confirmUrl = await p.m.onboarding.restartOnboarding(first.ref);
    const altinnId = new URL(confirmUrl).searchParams.get("id") ?? "";
    expect(altinnId).not.toBe(first.altinnId);
    const renewed = await p.db.systemUserRequest.findUniqueOrThrow({ where: { altinnRequestId: altinnId } });
    expect(renewed.id).not.toBe(first.ref);
    expect((await decide(p, altinnId, "approve")).status).toBe(200);
    await expect(p.m.onboarding.completeOnboarding(renewed.id)).resolves.toMatchObject({
      kind: "connected",
      orgNo: REJECTS,
    });
    // The rejected one stays on record as rejected; the vendor sees both.
    await expect(p.db.systemUserRequest.findUniqueOrThrow({ where: { id: first.ref } })).resolves.toMatchObject({
      status: "Rejected",
    });
    expect(await p.db.systemUser.count({ where: { requestId: renewed.id } })).toBe(1);
  });

  it("says who must approve now when the customer escalated to an access manager", async () => {
    const p = ref();
    const { ref: r, altinnId } = await start(p, ESCALATES);
    refs.escalated = r;
    expect((await decide(p, altinnId, "escalate")).status).toBe(200);
    const outcome = await p.m.onboarding.completeOnboarding(r);
    expect(outcome).toMatchObject({ kind: "escalated", orgNo: ESCALATES });
    await expect(p.db.systemUserRequest.findUniqueOrThrow({ where: { id: r } })).resolves.toMatchObject({
      status: "New",
    });
  });

  it("Altinn down: says so, writes nothing, and the same link works once Altinn is back", async () => {
    const p = ref();
    const r = refs.escalated ?? "";
    const fault = { path: "/authentication/api/v1/systemuser/request", errorRate: 1, status: 503 };
    expect((await emulatorFetch(p.emulatorUrl, "/emulator/faults", { body: fault })).status).toBe(200);
    try {
      const before = await counts(p);
      await expect(p.m.onboarding.completeOnboarding(r)).resolves.toEqual({ kind: "unavailable", ref: r });
      expect(await counts(p)).toEqual(before);
    } finally {
      await emulatorFetch(p.emulatorUrl, `/emulator/faults?path=${encodeURIComponent(fault.path)}`, {
        method: "DELETE",
      });
    }
    await expect(p.m.onboarding.completeOnboarding(r)).resolves.toMatchObject({ kind: "escalated" });
  });

  it("after 28 days the request has expired, and starting again makes a new one", async () => {
    const p = ref();
    const r = refs.escalated ?? "";
    // Both clocks move together (the emulator runs in-process and reads Date): moving only the
    // emulator's would make Maskinporten refuse every grant (iat must be within ±10 s).
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + 29 * DAY_MS);
      p.m.tokens.clearTokenCache(p.environmentId);
      await expect(p.m.onboarding.completeOnboarding(r)).resolves.toMatchObject({ kind: "expired", orgNo: ESCALATES });
      const confirmUrl = await p.m.onboarding.restartOnboarding(r);
      const fresh = await p.db.systemUserRequest.findUniqueOrThrow({
        where: { altinnRequestId: new URL(confirmUrl).searchParams.get("id") ?? "" },
      });
      expect(fresh.id).not.toBe(r);
      await expect(p.m.onboarding.completeOnboarding(fresh.id)).resolves.toMatchObject({ kind: "pending" });
    } finally {
      vi.useRealTimers();
      p.m.tokens.clearTokenCache(p.environmentId);
    }
  });

  it("says wrong organisation when Altinn's request is for another org than ours", async () => {
    const p = ref();
    const row = await p.db.systemUserRequest.findFirstOrThrow({
      where: { customer: { orgNo: ESCALATES } },
      orderBy: { createdAt: "desc" },
    });
    // Point our row at another customer: Altinn still reports the request for ESCALATES.
    const other = await p.db.customer.findFirstOrThrow({ where: { orgNo: REJECTS } });
    await p.db.systemUserRequest.update({ where: { id: row.id }, data: { customerId: other.id } });
    await expect(p.m.onboarding.completeOnboarding(row.id)).resolves.toMatchObject({
      kind: "wrong_org",
      orgNo: REJECTS,
    });
  });

  it("answers one message for unknown, malformed and injected refs, and writes nothing", async () => {
    const p = ref();
    const before = await counts(p);
    for (const bad of ["", "x", "00000000-0000-4000-8000-000000000000", "1 OR 1=1", "../../etc/passwd"]) {
      await expect(p.m.onboarding.completeOnboarding(bad)).resolves.toEqual({ kind: "unknown" });
    }
    expect(await counts(p)).toEqual(before);
  });

  it("signed link: names system and masked org, starts the request for exactly that org, and is audited", async () => {
    const p = ref();
    const links = await import("@/lib/onboarding/links");
    const system = await p.db.system.findFirstOrThrow({ where: { systemId: SYSTEM_ID } });
    const request = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: system.id,
      orgNo: LINKED,
    });
    await expectAppError(links.createOnboardingLink(p.scope(p.actors.auditor), request.id), "forbidden", 403);
    const link = await links.createOnboardingLink(p.scope(p.actors.operator), request.id);
    expect(link.generation).toBe(1);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    const token = decodeURIComponent(new URL(link.url).pathname.split("/").pop() ?? "");
    expect(link.url.startsWith("http://127.0.0.1:3999/onboard/l/")).toBe(true);
    const resolved = await links.resolveOnboardingLink(token);
    expect(resolved).toMatchObject({
      orgNo: LINKED,
      maskedOrgNo: "••••••116",
      envSlug: "local",
      system: { systemId: SYSTEM_ID },
    });
    const before = await counts(p);
    await expect(links.startFromLink(token)).resolves.toBe(request.confirmUrl);
    expect(await counts(p)).toEqual(before);
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "onboarding_link.create" },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({
      actorId: p.actors.operator.id,
      detail: { orgNo: LINKED, systemId: SYSTEM_ID, generation: 1 },
    });
    refs.linkRequest = request.id;
    refs.linkToken = token;
  });

  it("regenerating a link invalidates the older one; tampered and expired links are refused", async () => {
    const p = ref();
    const links = await import("@/lib/onboarding/links");
    const old = refs.linkToken ?? "";
    const fresh = await links.createOnboardingLink(p.scope(p.actors.admin), refs.linkRequest ?? "");
    expect(fresh.generation).toBe(2);
    const token = decodeURIComponent(new URL(fresh.url).pathname.split("/").pop() ?? "");
    await expect(links.resolveOnboardingLink(old)).resolves.toBeNull();
    await expectAppError(links.startFromLink(old), "invalid_link", 410);
    await expect(links.resolveOnboardingLink(token)).resolves.toMatchObject({ orgNo: LINKED });
    await expect(p.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).resolves.toMatchObject({
      action: "onboarding_link.regenerate",
      detail: { generation: 2 },
    });
    const [h, body, sig] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body ?? "", "base64url").toString()), org: CUSTOMER_ORG }),
    ).toString("base64url");
    await expect(links.resolveOnboardingLink(`${h}.${forged}.${sig}`)).resolves.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + 8 * DAY_MS);
      await expect(links.resolveOnboardingLink(token)).resolves.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not tell the public page which organisations are already connected", async () => {
    const p = ref();
    const before = await counts(p);
    const err = await expectAppError(
      p.m.onboarding.startOnboarding("local", SYSTEM_ID, CUSTOMER_ORG),
      "cannot_start",
      409,
    );
    expect(`${err.userMessage.nb} ${err.userMessage.en}`).not.toMatch(/systembruker|system user|AUTH-/i);
    // Only the failed attempt is recorded (for the vendor), nothing else is written.
    expect(await counts(p)).toEqual({ ...before, audit: before.audit + 1 });
  });
}
