import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { emulatorStats } from "../emulator-api";
import { addOrganisations, counts, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedSystem } from "../seed";
import { confirmShape, openSystem, postStart } from "./public-hardening";

// Issue 13, finding 7 (ADR 018): requests started from the public pages are capped per system and rolling
// hour, counted in PostgreSQL. Numbers from the publicOnboarding block, above public-hardening's.
const CAPPED = orgNumbers(5, ORG_BLOCKS.publicOnboarding + 700_000);
const HOUR_MS = 3_600_000;
const CAP = 100; // PUBLIC_REQUESTS_PER_SYSTEM_PER_HOUR's default: the suite's portal sets nothing else

export function publicCapTests(ref: PortalRef) {
  beforeAll(async () => {
    await addOrganisations(ref(), CAPPED);
  });

  it("F7 cap: past the hourly cap a system's public starts answer 429 with Retry-After, make nothing, and alert once an hour", async () => {
    const p = ref();
    const system = await seedSystem(p, { prefix: "capped" });
    const other = await seedSystem(p, { prefix: "uncapped" });
    await openSystem(p, system);
    await openSystem(p, other);
    const [FIRST = "", SECOND = "", THIRD = "", FOURTH = ""] = CAPPED;
    // CAP - 1 starts in the last hour, the oldest 50 minutes ago (as if from other processes).
    const now = Date.now();
    await p.db.publicStart.createMany({
      data: Array.from({ length: CAP - 1 }, (_, i) => ({
        systemId: system.id,
        at: new Date(now - 50 * 60_000 + i * 1000),
      })),
    });
    await expect(p.m.onboarding.startOnboarding("local", system.systemId, FIRST)).resolves.toMatch(confirmShape(p));

    const stats = await emulatorStats(p.emulatorUrl);
    const before = await counts(p);
    const err = await expectAppError(
      p.m.onboarding.startOnboarding("local", system.systemId, SECOND),
      "public_cap",
      429,
    );
    // The oldest start leaves the window in 10 minutes.
    expect(Number(err.extra?.retryAfterS)).toBeGreaterThan(9 * 60);
    expect(Number(err.extra?.retryAfterS)).toBeLessThanOrEqual(10 * 60);
    expect(`${err.userMessage.nb} ${err.userMessage.en}`).not.toMatch(/systembruker|system user|AUTH-/i);
    // Audited once for the hour: the second refusal adds nothing.
    expect(await counts(p)).toEqual({ ...before, audit: before.audit + 1 });
    expect(await p.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).toMatchObject({
      action: "onboarding.public_cap",
      targetId: system.systemId,
      outcome: "failure",
      detail: { cap: CAP },
    });

    // The route: a page in both languages, 429 and Retry-After.
    const res = await postStart(p, system.systemId, THIRD);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(9 * 60);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('lang="en"');
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    // Signed links and restarts count too.
    const links = await import("@/lib/onboarding/links");
    const link = await links.createOnboardingLinkFor(p.scope(p.actors.operator), {
      systemId: system.id,
      orgNo: FOURTH,
    });
    await expectAppError(
      links.startFromLink(decodeURIComponent(new URL(link.url).pathname.split("/").pop() ?? "")),
      "public_cap",
    );
    const firstRef = await p.db.systemUserRequest.findFirstOrThrow({
      where: { systemId: system.id, customer: { orgNo: FIRST } },
    });
    await expectAppError(p.m.onboarding.restartOnboarding(firstRef.id), "public_cap", 429);
    expect((await emulatorStats(p.emulatorUrl)).requests).toBe(stats.requests);
    expect(await p.db.auditEvent.count({ where: { action: "onboarding.public_cap", targetId: system.systemId } })).toBe(
      1,
    );
    // Another system is not held back.
    await expect(p.m.onboarding.startOnboarding("local", other.systemId, SECOND)).resolves.toMatch(confirmShape(p));

    // The dashboard's alert names the system and when; every role that sees the dashboard sees it.
    const { recentCapHits } = await import("@/lib/onboarding/public-cap");
    const hits = await recentCapHits(p.scope(p.actors.auditor));
    expect(hits.filter((h) => h.system.id === system.id)).toEqual([
      {
        at: expect.any(Date) as Date,
        cap: CAP,
        system: { id: system.id, systemId: system.systemId, name: expect.anything() as unknown },
      },
    ]);
    expect(hits.some((h) => h.system.id === other.id)).toBe(false);

    // A rolling hour: once the oldest starts are older than an hour, starting works again.
    await p.db.publicStart.updateMany({
      where: { systemId: system.id },
      data: { at: new Date(now - HOUR_MS - 60_000) },
    });
    await expect(p.m.onboarding.startOnboarding("local", system.systemId, SECOND)).resolves.toMatch(confirmShape(p));
    expect(await p.db.publicStart.count({ where: { systemId: system.id } })).toBe(1);
  });

  it("F7 cap: holds exactly under concurrent starts (one system's starts queue on its row)", async () => {
    const p = ref();
    const system = await seedSystem(p, { prefix: "cap-race" });
    const row = { id: system.id, systemId: system.systemId, environmentId: p.environmentId };
    const { takePublicStart } = await import("@/lib/onboarding/public-cap");
    await p.db.publicStart.createMany({
      data: Array.from({ length: CAP - 10 }, () => ({ systemId: system.id, at: new Date() })),
    });
    const started = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => takePublicStart(row)));
    const ms = performance.now() - started;
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(30);
    expect(await p.db.publicStart.count({ where: { systemId: system.id } })).toBe(CAP);
    expect(await p.db.publicCapHit.count({ where: { systemId: system.id } })).toBe(1);
    expect(await p.db.auditEvent.count({ where: { action: "onboarding.public_cap", targetId: system.systemId } })).toBe(
      1,
    );
    console.info(`[public-cap] 40 concurrent starts at the cap: ${ms.toFixed(0)} ms`);
  });
}
