import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { PortalRef } from "../flow-suite";
import { seedBareEnvironment } from "../seed";

// Tampering with the database and with exports, as someone who can write the database would (rules
// disabled, hashes recomputed), and what the portal and the offline verifier then say. Each test works
// on an environment of its own, so its chain is its own.
export function auditIntegrityTests(ref: PortalRef) {
  let chain = "";
  const m = async () => ({
    record: await import("@/lib/audit/record"),
    chainLib: await import("@/lib/audit/chain"),
    checkpoints: await import("@/lib/audit/checkpoints"),
    status: await import("@/lib/audit/status"),
    verifyAll: await import("@/lib/audit/verify-all"),
    exporter: await import("@/lib/audit/export-chain"),
    verifyFile: await import("@/lib/audit/verify-file"),
    retention: await import("@/lib/audit/retention"),
    setting: await import("@/lib/audit/retention-setting"),
    signing: await import("@/lib/audit/signing"),
  });

  const record = async (n: number) => {
    const { record } = await m();
    for (let i = 0; i < n; i++)
      await record.recordAudit({
        actor: { type: "system", label: "test" },
        action: "test.event",
        target: { type: "thing", id: `t${i}` },
        outcome: "success",
        detail: { i, nested: { b: 1, a: [i] } },
        environmentId: chain,
      });
  };
  const events = () => ref().db.auditEvent.findMany({ where: { chain }, orderBy: { chainSeq: "asc" } });
  /** As an attacker: rewrite rows (rules off) and recompute every hash from `fromSeq` on. */
  const rewrite = async (change: (rows: Awaited<ReturnType<typeof events>>) => void) => {
    const { chainLib } = await m();
    const rows = await events();
    change(rows);
    const db = ref().db;
    await db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE RULE audit_events_no_update`);
    try {
      let prev = chainLib.GENESIS;
      for (const r of rows) {
        const hash = chainLib.hashEvent(prev, r);
        await db.$executeRaw`UPDATE audit_events SET "chainSeq" = ${r.chainSeq}, detail = ${JSON.stringify(r.detail)}::jsonb, "prevHash" = ${prev}, hash = ${hash} WHERE seq = ${r.seq}`;
        prev = hash;
      }
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE RULE audit_events_no_update`);
    }
  };
  const deleteWhere = async (sql: string) => {
    const db = ref().db;
    await db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE RULE audit_events_no_delete`);
    try {
      await db.$executeRawUnsafe(`DELETE FROM audit_events WHERE chain = '${chain}' AND ${sql}`);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE RULE audit_events_no_delete`);
    }
  };
  const state = async () => (await m()).status.chainState(chain);

  // Nothing tampered with outlives its test: the chain, its checkpoints and its environment go.
  afterEach(async () => {
    await deleteWhere("true");
    await ref().db.auditCheckpoint.deleteMany({ where: { chain } });
    await ref().db.environment.delete({ where: { id: chain } });
  });

  beforeEach(async () => {
    const env = await seedBareEnvironment(ref(), "audit-int");
    chain = env.id;
  });

  it("signs checkpoints into the database and the anchor directory, and checks only what came after", async () => {
    const { checkpoints, signing } = await m();
    await record(5);
    const made = await checkpoints.checkpointChain(chain);
    expect(made).toMatchObject({ made: true, checkpoint: { chain, chainSeq: "5" } });
    // Not due again until AUDIT_CHECKPOINT_EVERY events or minutes have passed.
    await record(3);
    expect(await checkpoints.checkpointChain(chain)).toEqual({ made: false, reason: "not_due" });
    expect(await state()).toMatchObject({ ok: true, checked: 3, anchor: { chainSeq: "5", source: "database" } });
    const anchorFile = path.join(process.env.AUDIT_ANCHOR_DIR ?? "", `${chain}.jsonl`);
    const line = JSON.parse(readFileSync(anchorFile, "utf8").trim()) as { jws: string; hash: string };
    const { openCheckpoint } = await import("@/lib/audit/checkpoint-token");
    expect(await openCheckpoint(line.jws, await signing.auditPublicJwk())).toMatchObject({ chain, chainSeq: "5" });
    // Another key does not open it.
    const { generateKeyPairSync } = await import("node:crypto");
    const other = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
    expect(await openCheckpoint(line.jws, other)).toBeNull();
  });

  it("detects a row rewritten with every hash recomputed, at the checkpoint it contradicts", async () => {
    const { checkpoints } = await m();
    await record(6);
    const cp = await checkpoints.checkpointChain(chain, { force: true });
    await record(2);
    await rewrite((rows) => {
      rows[2]!.detail = { i: 2, forged: true };
    });
    const s = await state();
    expect(s).toMatchObject({ ok: false, problem: { reason: "checkpoint_mismatch" } });
    expect(cp.made && s.problem?.seq).toBe(cp.made ? cp.checkpoint.seq : "");
    // And a broken chain is never signed.
    expect(await checkpoints.checkpointChain(chain, { force: true })).toMatchObject({ made: false });
  });

  it("detects the newest rows deleted, even with the database's checkpoints deleted too", async () => {
    const { checkpoints } = await m();
    await record(4);
    const cp = await checkpoints.checkpointChain(chain, { force: true });
    if (!cp.made) throw new Error("no checkpoint");
    await deleteWhere(`"chainSeq" >= 3`);
    expect(await state()).toMatchObject({ ok: false, problem: { reason: "missing", seq: cp.checkpoint.seq } });
    await ref().db.auditCheckpoint.deleteMany({ where: { chain } });
    expect(await state()).toMatchObject({ ok: false, problem: { reason: "checkpoint_missing_from_database" } });
  });

  it("detects reordered events after the checkpoint, and a row edited before it in the full check", async () => {
    const { checkpoints, verifyAll } = await m();
    await record(3);
    await checkpoints.checkpointChain(chain, { force: true });
    await record(3);
    const rows = await events();
    const [a, b] = [rows[3]!, rows[4]!];
    const db = ref().db;
    await db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE RULE audit_events_no_update`);
    try {
      // Swap the two events' places (their hashes stay as they were).
      await db.$executeRaw`UPDATE audit_events SET "chainSeq" = -1 WHERE seq = ${a.seq}`;
      await db.$executeRaw`UPDATE audit_events SET "chainSeq" = ${a.chainSeq} WHERE seq = ${b.seq}`;
      await db.$executeRaw`UPDATE audit_events SET "chainSeq" = ${b.chainSeq} WHERE seq = ${a.seq}`;
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE RULE audit_events_no_update`);
    }
    expect(await state()).toMatchObject({ ok: false, problem: { seq: b.seq.toString() } });
    expect((await verifyAll.verifyAllChains()).ok).toBe(false);
  });

  it("catches a row edited behind the newest checkpoint in the nightly full check", async () => {
    const { checkpoints, verifyAll } = await m();
    await record(4);
    await checkpoints.checkpointChain(chain, { force: true });
    const target = (await events())[1]!;
    const db = ref().db;
    await db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE RULE audit_events_no_update`);
    await db.$executeRaw`UPDATE audit_events SET "actorLabel" = 'mallory' WHERE seq = ${target.seq}`;
    await db.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE RULE audit_events_no_update`);
    // The page checks only what came after the checkpoint; the full check walks everything.
    expect((await state()).ok).toBe(true);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await verifyAll.runFullVerification()).toMatchObject({ ok: false, brokenAt: target.seq.toString() });
    expect(await verifyAll.lastFullVerification()).toMatchObject({ ok: false, brokenAt: target.seq.toString() });
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/full verification failed/));
    errors.mockRestore();
    // Put right again, so other suites' full checks hold.
    await db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE RULE audit_events_no_update`);
    await db.$executeRaw`UPDATE audit_events SET "actorLabel" = ${target.actorLabel} WHERE seq = ${target.seq}`;
    await db.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE RULE audit_events_no_update`);
    expect(await verifyAll.runFullVerification()).toMatchObject({ ok: true });
  });

  it("exports a chain that verifies offline, and names the first bad seq when the file is tampered with", async () => {
    const { exporter, verifyFile, signing } = await m();
    await record(6);
    const dir = mkdtempSync(path.join(tmpdir(), "audit-export-"));
    const file = path.join(dir, "export.jsonl");
    const lines: string[] = [];
    const result = await exporter.writeChainExport(chain, (l) => void lines.push(l));
    expect(result).toMatchObject({ events: 6, upTo: { chainSeq: "6" } });
    writeFileSync(file, `${lines.join("\n")}\n`);
    const key = await signing.auditPublicJwk();
    expect(await verifyFile.verifyExportFile(file, key)).toMatchObject({ ok: true, events: 6, keyFromFile: false });
    const seqOf = (i: number) => (JSON.parse(lines[i]!) as { seq: string }).seq;
    const check = async (tampered: string[]) => {
      const f = path.join(dir, `t-${randomBytes(3).toString("hex")}.jsonl`);
      writeFileSync(f, `${tampered.join("\n")}\n`);
      return verifyFile.verifyExportFile(f, key);
    };
    // Line 0 is the header, 1..6 the events, 7 the checkpoint.
    const changed = [...lines];
    changed[3] = changed[3]!.replace('"test.event"', '"test.forged"');
    expect(await check(changed)).toMatchObject({ ok: false, seq: seqOf(3), line: 4 });
    expect(await check(lines.filter((_, i) => i !== 2))).toMatchObject({ ok: false, seq: seqOf(3) });
    const swapped = [...lines];
    [swapped[4], swapped[5]] = [swapped[5]!, swapped[4]!];
    expect(await check(swapped)).toMatchObject({ ok: false, seq: seqOf(5) });
    expect(await check(lines.slice(0, 5))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/tail was cut off/),
    });
    expect(await check([...lines.slice(0, 5), lines[7]!])).toMatchObject({
      ok: false,
      seq: seqOf(5),
      message: expect.stringMatching(/tail was cut off/),
    });
    const { generateKeyPairSync } = await import("node:crypto");
    const stranger = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
    expect(await verifyFile.verifyExportFile(file, stranger)).toMatchObject({ ok: false });
  });

  it("retention archives and prunes up to an old checkpoint; the rest still verifies and the chain goes on", async () => {
    const { checkpoints, retention, setting, status, verifyFile, exporter, signing } = await m();
    const p = ref();
    await record(5);
    await checkpoints.checkpointChain(chain, { force: true });
    await record(2);
    await expect(setting.setRetentionDays(p.actors.auditor, 30)).rejects.toThrow();
    await expect(setting.setRetentionDays(p.actors.admin, 5)).rejects.toThrow();
    await setting.setRetentionDays(p.actors.admin, 30);
    const archiveDir = mkdtempSync(path.join(tmpdir(), "audit-archive-"));
    process.env.AUDIT_ARCHIVE_DIR = archiveDir;
    (await import("@/lib/core/env")).reloadEnv();
    try {
      const later = new Date(Date.now() + 31 * 86_400_000);
      const done = await retention.pruneExpiredEvents(later);
      expect(done.find((d) => d.chain === chain)).toMatchObject({ pruned: 5 });
      expect((await events()).map((e) => Number(e.chainSeq))).toEqual([6, 7, 8]); // 8: the audit.prune event
      const archived = readdirSync(archiveDir).find((f) => f.startsWith(chain));
      expect(archived).toBe(`${chain}-1-5.jsonl`);
      const key = await signing.auditPublicJwk();
      expect(await verifyFile.verifyExportFile(path.join(archiveDir, archived!), key)).toMatchObject({
        ok: true,
        events: 5,
      });
      expect(await status.chainState(chain)).toMatchObject({ ok: true });
      await record(1);
      const lines: string[] = [];
      await exporter.writeChainExport(chain, (l) => void lines.push(l));
      const file = path.join(archiveDir, "after.jsonl");
      writeFileSync(file, `${lines.join("\n")}\n`);
      expect(await verifyFile.verifyExportFile(file, key)).toMatchObject({
        ok: true,
        events: 4,
        firstSeq: expect.any(String),
      });
    } finally {
      await setting.setRetentionDays(p.actors.admin, null);
      delete process.env.AUDIT_ARCHIVE_DIR;
      (await import("@/lib/core/env")).reloadEnv();
    }
  });
}
