import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorStats } from "../emulator-api";
import { addOrganisations, counts, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedRequest, seedSystem, type SeededSystem } from "../seed";

// Issue 13, findings 7 and 12 (ADR 018): the public pages give one answer for connected and new customers,
// the open page is opt-in per system, and signed links carry nothing readable (the cap: public-cap.ts).
// Numbers from the upper half of the publicOnboarding block (the public-onboarding suite uses the lower half).
const [CONNECTED = "", UNHELD = "", NEW = "", OPT_IN = "", LINKED = "", NOT_IN_REGISTER = ""] = orgNumbers(
  6,
  ORG_BLOCKS.publicOnboarding + 500_000,
);

/** The open page's form POST, through its route handler (a plain form, as a browser sends it). */
export async function postStart(p: Portal, systemId: string, orgNo: string) {
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
export const confirmShape = (p: Portal) =>
  new RegExp(
    `^${escapeRe(p.emulatorUrl)}/accessmanagement/ui/systemuser/request\\?id=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}&DONTCHOOSEREPORTEE=true$`,
  );

export async function openSystem(p: Portal, system: SeededSystem, enabled = true) {
  const { setOpenOnboarding } = await import("@/lib/systems/open-onboarding");
  return setOpenOnboarding(p.scope(p.actors.admin), { id: system.id, enabled });
}

export function publicHardeningTests(ref: PortalRef) {
  beforeAll(async () => {
    await addOrganisations(ref(), [CONNECTED, UNHELD, NEW, OPT_IN, LINKED]);
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

  it("F7 a bulk job's result offers the system's open page only while the page is open", async () => {
    const p = ref();
    const system = await seedSystem(p, { prefix: "bulk-link" });
    const jobs = await import("@/lib/bulk/jobs");
    const { bulkResultCsv } = await import("@/lib/bulk/result");
    const { runBulkJob } = await import("@/lib/bulk/runner");
    // NOT_IN_REGISTER is valid but unknown to Altinn's Entity Register: its row fails and would get a link.
    const file = new TextEncoder().encode(`orgnr;navn\r\n${NOT_IN_REGISTER};Ukjent AS\r\n`);
    const scope = p.scope(p.actors.operator);
    const { id } = await jobs.previewBulkUpload(scope, { systemId: system.id, fileName: "k.csv" }, file);
    await jobs.startBulkJob(scope, id);
    await runBulkJob(id);
    const linkColumn = async () => (await bulkResultCsv(scope, id, "en")).csv.trim().split("\r\n")[1]?.split(",")[7];
    expect(await linkColumn()).toBe('""');
    await openSystem(p, system);
    expect(await linkColumn()).toBe(`"http://127.0.0.1:3999/onboard/local/${system.systemId}"`);
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
