import { beforeAll, expect, it, vi } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { decideRequest, withFault } from "../emulator-controls";
import { addOrganisations, counts, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { openPublicPage, seedRequest, seedSystem } from "../seed";

// This suite's own customers; CONNECTED already holds a system user of the suite's system.
const [REJECTS = "", ESCALATES = "", LINKED = "", CONNECTED = ""] = orgNumbers(4, ORG_BLOCKS.publicOnboarding);
const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts onboarding as the public page does and returns our ref and Altinn's id. */
async function start(p: Portal, systemId: string, orgNo: string) {
  const confirmUrl = await p.m.onboarding.startOnboarding("local", systemId, orgNo);
  const altinnId = new URL(confirmUrl).searchParams.get("id") ?? "";
  const row = await p.db.systemUserRequest.findUniqueOrThrow({
    where: { altinnRequestId: altinnId },
    select: { id: true },
  });
  return { ref: row.id, altinnId, confirmUrl };
}

export function publicOnboardingTests(ref: PortalRef) {
  const refs: Record<string, string> = {};
  const seeded = { systemId: "" };

  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [REJECTS, ESCALATES, LINKED, CONNECTED]);
    const system = await seedSystem(p, { prefix: "onboarding" });
    await openPublicPage(p, system.id);
    await seedRequest(p, { system, orgNo: CONNECTED, outcome: "approved" });
    seeded.systemId = system.systemId;
  });

  it("shows pending, then rejected, and a restart gives a fresh request that can be approved", async () => {
    const p = ref();
    const first = await start(p, seeded.systemId, REJECTS);
    await expect(p.m.onboarding.completeOnboarding(first.ref)).resolves.toMatchObject({
      kind: "pending",
      orgNo: REJECTS,
      ref: first.ref,
    });
    await decideRequest(p, first.altinnId, "reject");
    await expect(p.m.onboarding.completeOnboarding(first.ref)).resolves.toMatchObject({
      kind: "rejected",
      orgNo: REJECTS,
    });

    const confirmUrl = await p.m.onboarding.restartOnboarding(first.ref);
    const altinnId = new URL(confirmUrl).searchParams.get("id") ?? "";
    expect(altinnId).not.toBe(first.altinnId);
    const renewed = await p.db.systemUserRequest.findUniqueOrThrow({ where: { altinnRequestId: altinnId } });
    expect(renewed.id).not.toBe(first.ref);
    await decideRequest(p, altinnId, "approve");
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
    const { ref: r, altinnId } = await start(p, seeded.systemId, ESCALATES);
    refs.escalated = r;
    await decideRequest(p, altinnId, "escalate");
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
    await withFault(p, fault, async () => {
      const before = await counts(p);
      await expect(p.m.onboarding.completeOnboarding(r)).resolves.toEqual({ kind: "unavailable", ref: r });
      expect(await counts(p)).toEqual(before);
    });
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
    const other = await p.db.customer.findFirstOrThrow({ where: { environmentId: p.environmentId, orgNo: REJECTS } });
    await p.db.systemUserRequest.update({ where: { id: row.id }, data: { customerId: other.id } });
    try {
      await expect(p.m.onboarding.completeOnboarding(row.id)).resolves.toMatchObject({
        kind: "wrong_org",
        orgNo: REJECTS,
      });
    } finally {
      await p.db.systemUserRequest.update({ where: { id: row.id }, data: { customerId: row.customerId } });
    }
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
    const system = await p.db.system.findFirstOrThrow({ where: { systemId: seeded.systemId } });
    const request = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: system.id,
      orgNo: LINKED,
    });
    await expectAppError(links.createOnboardingLink(p.scope(p.actors.auditor), request.id), "forbidden", 403);
    const link = await links.createOnboardingLink(p.scope(p.actors.operator), request.id);
    expect(link.generation).toBe(1);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * DAY_MS);
    const token = decodeURIComponent(new URL(link.url).pathname.split("/").pop() ?? "");
    expect(link.url.startsWith("http://127.0.0.1:3999/onboard/l/")).toBe(true);
    const resolved = await links.resolveOnboardingLink(token);
    expect(resolved).toMatchObject({
      orgNo: LINKED,
      maskedOrgNo: `••••••${LINKED.slice(-3)}`,
      envSlug: "local",
      system: { systemId: seeded.systemId },
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
      detail: { orgNo: LINKED, systemId: seeded.systemId, generation: 1 },
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
    // The token is encrypted and authenticated (A256GCM): a changed ciphertext or tag opens to nothing.
    const parts = token.split(".");
    const flip = (s: string) => (s.startsWith("A") ? "B" : "A") + s.slice(1);
    for (const i of [3, 4]) {
      const changed = parts.map((part, j) => (j === i ? flip(part) : part)).join(".");
      await expect(links.resolveOnboardingLink(changed)).resolves.toBeNull();
    }
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
    // Altinn refuses (AUTH-00004); the customer is sent on to Altinn all the same, to its own request.
    const confirmUrl = await p.m.onboarding.startOnboarding("local", seeded.systemId, CONNECTED);
    const held = await p.db.systemUserRequest.findFirstOrThrow({
      where: { customer: { orgNo: CONNECTED }, system: { systemId: seeded.systemId } },
      orderBy: { createdAt: "desc" },
    });
    expect(confirmUrl).toBe(held.confirmUrl);
    // Only the failed attempt is recorded (for the vendor), nothing else is written.
    expect(await counts(p)).toEqual({ ...before, audit: before.audit + 1 });
  });
}
