// The audit-search suite's world: an environment of its own (S) whose log holds 91 events recorded through
// recordAudit on three Oslo days around the 2030 switch to summer time, and another environment (B) with
// events that match the same filters and must never show in S. Days to come, not past ones: time runs
// forward in the log, as it does in life (the search relies on it within a chain, and checks it anyway).
import { randomUUID } from "node:crypto";
import { vi } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditInput } from "@/lib/audit/record";
import type { EnvironmentView, Scope } from "@/lib/environments/types";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import type { Portal } from "../portal";
import { seedEnvironment } from "../seed";

export const [O1 = "", O2 = "", O3 = ""] = orgNumbers(3, ORG_BLOCKS.auditUi);
export const SYS1 = "991825827_auditsearch-a";
export const SYS2 = "991825827_auditsearch-b";
export const DAYS = ["2030-03-30", "2030-03-31", "2030-04-01"] as const;
// Written out by hand (not computed by the code under test): the Oslo days in UTC. Summer time from
// 02:00 on 31 March, so the 31st is 23 hours long.
export const DAY_START = {
  "2030-03-30": "2030-03-29T23:00:00.000Z",
  "2030-03-31": "2030-03-30T23:00:00.000Z",
  "2030-04-01": "2030-03-31T22:00:00.000Z",
  "2030-04-02": "2030-04-01T22:00:00.000Z",
} as const;
export const TRICKY_LABEL = '=HYPERLINK("http://evil.example")';
export const TRICKY_DETAIL = { note: 'said "hi", then left\nfor good', nested: { list: [1, "=2"] } };

const ACTIONS = ["request.create", "request.status", "customer.update", "token.diagnose", "request.delete"] as const;

export type World = {
  s: EnvironmentView;
  b: EnvironmentView;
  kid: string;
  keyActorId: string;
  inS: (actor?: Portal["actors"][keyof Portal["actors"]]) => Scope;
  inB: Scope;
  /** B's events, which S must never show. */
  bSeqs: string[];
};

/** The i-th seeded event of S: who, what, which customer and system, the outcome, and when (Oslo). */
function eventOf(p: Portal, i: number, keyActorId: string): { input: Omit<AuditInput, "environmentId">; at: Date } {
  const actor = [
    { type: "user" as const, id: p.actors.admin.id, label: p.actors.admin.email },
    { type: "user" as const, id: p.actors.operator.id, label: p.actors.operator.email },
    { type: "api_key" as const, id: keyActorId, label: "ERP (sbp_test_abcd…)" },
  ][i % 3];
  const action = ACTIONS[i % ACTIONS.length] ?? "request.create";
  const org = [O1, O2, O3][Math.floor(i / 3) % 3] ?? O1;
  const failure = i % 4 === 0;
  const target = action.startsWith("request.")
    ? { type: "system_user_request", id: `req-${i % 7}` }
    : { type: "customer", id: action === "customer.update" ? `cust-${i % 4}` : org };
  const detail =
    action === "customer.update"
      ? { before: { name: `Gammel ${i}` }, after: { name: `Ny ${i}` } }
      : failure
        ? { code: "AUTH-00007" }
        : { step: i };
  const day = DAYS[Math.floor(i / 30)] ?? DAYS[2];
  // 00:30 Oslo first (the evening before in UTC), then every 40 minutes.
  const at = new Date(new Date(DAY_START[day]).getTime() + (30 + (i % 30) * 40) * 60_000);
  return {
    input: {
      actor: actor ?? { type: "system", label: "x" },
      action,
      target,
      outcome: failure ? "failure" : "success",
      detail,
      subject: { orgNumber: org, systemId: i % 2 === 0 ? SYS1 : SYS2 },
    },
    at,
  };
}

export async function seedAuditWorld(p: Portal): Promise<World> {
  const { environment: s, kid } = await seedEnvironment(p, "audit-s");
  const { environment: b } = await seedEnvironment(p, "audit-b");
  const { recordAudit } = await import("@/lib/audit/record");
  const keyActorId = randomUUID();
  // recordAudit stamps its own time: the clock is moved (Date only; timers and I/O run as usual).
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    for (let i = 0; i < 90; i++) {
      const { input, at } = eventOf(p, i, keyActorId);
      vi.setSystemTime(at);
      await recordAudit({ ...input, environmentId: s.id });
    }
    vi.setSystemTime(new Date("2030-04-01T18:00:00Z"));
    await recordAudit({
      actor: { type: "customer", label: TRICKY_LABEL },
      action: "onboarding.start",
      target: { type: "customer", id: O3 },
      outcome: "success",
      detail: TRICKY_DETAIL,
      environmentId: s.id,
      subject: { orgNumber: O3, systemId: SYS1 },
    });
    // B: what S's filters would match, on the same days.
    for (let i = 0; i < 5; i++) {
      vi.setSystemTime(new Date(new Date(DAY_START["2030-03-31"]).getTime() + i * 3_600_000));
      await recordAudit({
        actor: { type: "user", id: p.actors.admin.id, label: p.actors.admin.email },
        action: "request.create",
        target: { type: "system_user_request", id: "req-1" },
        outcome: "failure",
        detail: { code: "AUTH-00007" },
        environmentId: b.id,
        subject: { orgNumber: O1, systemId: SYS1 },
      });
    }
  } finally {
    vi.useRealTimers();
  }
  const bRows = await p.db.auditEvent.findMany({ where: { chain: b.id, orgNumber: O1 }, select: { seq: true } });
  return {
    s,
    b,
    kid,
    keyActorId,
    inS: (actor = p.actors.auditor) => p.scope(actor, s),
    inB: p.scope(p.actors.auditor, b),
    bSeqs: bRows.map((r) => r.seq.toString()),
  };
}

/** What a filter means, straight from the table: the environment's chain and the installation's, newest first. */
export async function oracle(p: Portal, w: World, where: Prisma.AuditEventWhereInput): Promise<string[]> {
  const rows = await p.db.auditEvent.findMany({
    where: { AND: [{ chain: { in: [w.s.id, "installation"] } }, where] },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  return rows.map((r) => r.seq.toString());
}

export type PageResult = { events: { seq: string }[]; older: string | null; newer: string | null };

/** Follows "Older" from the first page to the last, keeping every page. */
export async function allPages(
  search: (raw: Record<string, string>) => Promise<PageResult>,
  raw: Record<string, string>,
): Promise<{ pages: PageResult[]; befores: (string | undefined)[]; seqs: string[] }> {
  const pages: PageResult[] = [];
  const befores: (string | undefined)[] = [];
  let before: string | undefined;
  for (let n = 0; n < 500; n++) {
    const page = await search({ ...raw, ...(before ? { before } : {}) });
    pages.push(page);
    befores.push(before);
    if (!page.older) break;
    before = page.older;
  }
  return { pages, befores, seqs: pages.flatMap((pg) => pg.events.map((e) => e.seq)) };
}
