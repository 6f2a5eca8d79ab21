import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorStats } from "../emulator-api";
import { addOrganisations, counts, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedRequest, seedSystem, type SeededSystem } from "../seed";

// Issue 13, findings 7 and 12 (ADR 018): the public pages give one answer for connected and new customers,
// the open page is opt-in per system, and public starts are capped per system and hour. Numbers from the
// upper half of the publicOnboarding block (the public-onboarding suite uses the lower half).
const [CONNECTED = "", UNHELD = "", NEW = "", OPT_IN = "", LINKED = "", ...CAPPED] = orgNumbers(
  10,
  ORG_BLOCKS.publicOnboarding + 500_000,
);
const HOUR_MS = 3_600_000;
const CAP = 100; // PUBLIC_REQUESTS_PER_SYSTEM_PER_HOUR's default: the suite's portal sets nothing else

/** The open page's form POST, through its route handler (a plain form, as a browser sends it). */
async function postStart(p: Portal, systemId: string, orgNo: string) {
  const { POST } = await import("@/app/(onboarding)/onboard/[env]/[systemId]/start/route");
  const req = new Request(`http://127.0.0.1:3999/onboard/local/${systemId}/start`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ orgNo }).toString(),
  });
  return POST(req, { params: Promise.resolve({ env: "local", systemId }) });
}

const headerNames = (res: Response) => [...res.headers.keys()].sort();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const confirmShape = (p: Portal) =>
  new RegExp(
    `^${escapeRe(p.emulatorUrl)}/accessmanagement/ui/systemuser/request\\?id=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}&DONTCHOOSEREPORTEE=true$`,
  );

async function openSystem(p: Portal, system: SeededSystem, enabled = true) {
  const { setOpenOnboarding } = await import("@/lib/systems/open-onboarding");
  return setOpenOnboarding(p.scope(p.actors.admin), { id: system.id, enabled });
}

export function publicHardeningTests(ref: PortalRef) {
  beforeAll(async () => {
    await addOrganisations(ref(), [CONNECTED, UNHELD, NEW, OPT_IN, LINKED, ...CAPPED]);
  });

  it("F7 the open page is off until an admin turns it on (audited); signed links and restarts work either way", async () => {
    const p = ref();
    const system = await seedSystem(p, { prefix: "opt-in" });
    const stats = await emulatorStats(p.emulatorUrl);
    const before = await counts(p);
    // A new system's open page is closed: the same answer as a system that does not exist, and nothing is made.
    await expectAppError(p.m.onboarding.startOnboarding("local", system.systemId, OPT_IN), "unknown_system", 404);
    expect(await p.m.systems.findOpenSystem("local", system.systemId)).toBeNull();
    expect(await counts(p)).toEqual(before);
    expect((await emulatorStats(p.emulatorUrl)).requests).toBe(stats.requests);

    const { setOpenOnboarding } = await import("@/lib/systems/open-onboarding");
    for (const who of [p.actors.operator, p.actors.auditor])
      await expectAppError(setOpenOnboarding(p.scope(who), { id: system.id, enabled: true }), "forbidden", 403);
    await expect(openSystem(p, system)).resolves.toEqual({ openOnboarding: true });
    expect(
      await p.db.auditEvent.findFirstOrThrow({ where: { action: "system.open_onboarding" }, orderBy: { seq: "desc" } }),
    ).toMatchObject({
      actorId: p.actors.admin.id,
      targetId: system.systemId,
      outcome: "success",
      detail: { before: { openOnboarding: false }, after: { openOnboarding: true } },
    });
    const confirmUrl = await p.m.onboarding.startOnboarding("local", system.systemId, OPT_IN);
    expect(confirmUrl).toMatch(confirmShape(p));

    // Closed again: the open page refuses, but the customer's own ways in still work.
    await openSystem(p, system, false);
    await expectAppError(p.m.onboarding.startOnboarding("local", system.systemId, OPT_IN), "unknown_system", 404);
    const ref_ = await p.db.systemUserRequest.findFirstOrThrow({
      where: { systemId: system.id, customer: { orgNo: OPT_IN } },
      select: { id: true },
    });
    await expect(p.m.onboarding.restartOnboarding(ref_.id)).resolves.toBe(confirmUrl);
    const links = await import("@/lib/onboarding/links");
    const link = await links.createOnboardingLinkFor(p.scope(p.actors.operator), {
      systemId: system.id,
      orgNo: LINKED,
    });
    const token = decodeURIComponent(new URL(link.url).pathname.split("/").pop() ?? "");
    await expect(links.startFromLink(token)).resolves.toMatch(confirmShape(p));
  });

  it("F7 one answer for connected and new customers: same status, same header names, same URL shape", async () => {
    const p = ref();
    const system = await seedSystem(p, { prefix: "same-answer" });
    await openSystem(p, system);
    // CONNECTED holds a system user and we hold its request; UNHELD holds one whose request we no longer hold.
    const connected = await seedRequest(p, { system, orgNo: CONNECTED, outcome: "approved" });
    const unheld = await seedRequest(p, { system, orgNo: UNHELD, outcome: "approved" });
    expect([connected.status, unheld.status]).toEqual(["Accepted", "Accepted"]);
    await p.db.systemUserRequest.delete({ where: { id: unheld.id } });
    const stats = await emulatorStats(p.emulatorUrl);

    const answers = {
      connected: await postStart(p, system.systemId, CONNECTED),
      unheld: await postStart(p, system.systemId, UNHELD),
      fresh: await postStart(p, system.systemId, NEW),
    };
    for (const [who, res] of Object.entries(answers)) {
      expect(res.status, who).toBe(303);
      expect(headerNames(res), who).toEqual(headerNames(answers.fresh));
      expect(res.headers.get("location"), who).toMatch(confirmShape(p));
      expect(await res.text(), who).toBe(await answers.fresh.clone().text());
    }
    // Only the new customer's request was made; the connected ones made nothing at Altinn.
    expect((await emulatorStats(p.emulatorUrl)).requests).toBe(stats.requests + 1);
    // The connected customer goes where its own request is (Altinn says "already approved" after login).
    const held = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: connected.id } });
    expect(answers.connected.headers.get("location")).toBe(held.confirmUrl);
    // Asked again, each gets the same URL, as Altinn's idempotent create gives a new customer.
    for (const orgNo of [CONNECTED, UNHELD, NEW]) {
      const first = { [CONNECTED]: answers.connected, [UNHELD]: answers.unheld, [NEW]: answers.fresh }[orgNo];
      expect((await postStart(p, system.systemId, orgNo)).headers.get("location")).toBe(first?.headers.get("location"));
    }
    expect((await emulatorStats(p.emulatorUrl)).requests).toBe(stats.requests + 1);
    // The vendor still learns what happened: the refused create is in the audit log.
    expect(
      await p.db.auditEvent.findFirstOrThrow({
        where: { action: "request.create", outcome: "failure", detail: { path: ["orgNo"], equals: UNHELD } },
        orderBy: { seq: "desc" },
      }),
    ).toMatchObject({ detail: { code: "AUTH-00004", via: "public" } });
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

  it("F12 a signed link's token carries nothing readable: no org number, system id or environment", async () => {
    const p = ref();
    const system = await seedSystem(p, { prefix: "opaque" });
    const links = await import("@/lib/onboarding/links");
    const link = await links.createOnboardingLinkFor(p.scope(p.actors.operator), {
      systemId: system.id,
      orgNo: LINKED,
    });
    const token = decodeURIComponent(new URL(link.url).pathname.split("/").pop() ?? "");
    const decoded = token
      .split(".")
      .map((part) => Buffer.from(part, "base64url").toString("latin1"))
      .join(" ");
    for (const secret of [LINKED, LINKED.slice(-6), system.systemId, system.id, '"local"'])
      expect(decoded).not.toContain(secret);
    await expect(links.resolveOnboardingLink(token)).resolves.toMatchObject({
      orgNo: LINKED,
      envSlug: "local",
      system: { systemId: system.systemId },
    });
  });
}
