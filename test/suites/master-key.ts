import { spawn } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EnvironmentView } from "@/lib/environments/types";
import type { PortalRef } from "../flow-suite";
import { callApi, createKey, operations } from "../api-client";
import { seedEnvironment } from "../seed";
import { startReceiver, type Receiver } from "../webhook-receiver";

// Finding 11 of issue 13: `npm run master-key:rotate` re-seals every stored secret under a new master key
// while the portal runs, and afterwards everything works with the new key alone (ADR 019). The shared
// test database is rotated for real (every group's rows), so the group ends by rotating back.

const b64 = (k: Buffer) => k.toString("base64");
const KEY_VARS = ["PORTAL_MASTER_KEY", "PORTAL_MASTER_KEYS_PREVIOUS", "PORTAL_DIGEST_KEY"] as const;
const keyFile = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8").trim();

/** An envelope as sealed before key ids existed ("v1.<iv>.<tag>.<ct>"). */
function sealV1(plaintext: string, key: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ct]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** A JWT-shaped person token (the job only reads its exp). */
const personToken = () =>
  [{ alg: "none" }, { exp: Math.floor(Date.now() / 1000) + 3600, sub: "person" }, "sig"]
    .map((p) => (typeof p === "string" ? p : Buffer.from(JSON.stringify(p)).toString("base64url")))
    .join(".");

export function masterKeyTests(ref: PortalRef) {
  const k1 = () => ref().masterKey;
  const k2 = randomBytes(32);
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-rotate-"));
  let env: EnvironmentView;
  let receiver: Receiver;
  const s = { endpoint: "", legacy: "", stranger: "", secret: "", previous: "", job: "", token: "", apiKey: "" };

  /** The key settings every portal process has at this step of the procedure. */
  async function useKeys(current: Buffer, previous: Buffer[], digest: Buffer | null) {
    Object.assign(process.env, {
      PORTAL_MASTER_KEY: b64(current),
      PORTAL_MASTER_KEYS_PREVIOUS: previous.map(b64).join(","),
    });
    if (digest) process.env.PORTAL_DIGEST_KEY = b64(digest);
    else delete process.env.PORTAL_DIGEST_KEY;
    (await import("@/lib/core/env")).reloadEnv();
  }

  /**
   * The real command, as an operator runs it, against the test database: with the keys of this process's
   * environment, or (`files`) with none there, so it reads and writes the data dir's key files.
   */
  function rotate(keys: "env" | "files", ...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, PORTAL_DATA_DIR: dataDir };
    if (keys === "files") for (const k of KEY_VARS) delete env[k];
    // Not spawnSync: the test database (PGlite) is served from this process and must keep answering.
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/master-key-rotate.ts", ...args],
      { env, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    return new Promise<{ status: number | null; out: string }>((resolve) =>
      child.on("close", (status) => resolve({ status, out })),
    );
  }

  const secrets = async () => ({
    ...(await import("@/lib/webhooks/endpoints")),
    ...(await import("@/lib/webhooks/secrets")),
    ...(await import("@/lib/clients/assign")),
    ...(await import("@/lib/clients/session")),
    ...(await import("@/lib/secrets/rotate")),
    ...(await import("@/lib/core/secret-box")),
    ...(await import("@/lib/customers/derived-ref")),
    ...(await import("@/lib/webhooks/sign")),
  });

  beforeAll(async () => {
    const p = ref();
    const m = await secrets();
    receiver = await startReceiver();
    env = (await seedEnvironment(p, "rekey")).environment;
    const admin = p.scope(p.actors.admin, env);
    // A webhook endpoint mid-rotation (both secrets sealed), one from before key ids, one under a stranger's key.
    const created = await m.createWebhookEndpoint(admin, { url: `${receiver.url}/a`, description: "", events: [] });
    s.previous = created.secret;
    s.secret = (await m.rotateWebhookSecret(admin, created.id)).secret;
    s.endpoint = created.id;
    const legacy = await m.createWebhookEndpoint(admin, { url: `${receiver.url}/b`, description: "", events: [] });
    s.legacy = legacy.id;
    await p.db.webhookEndpoint.update({
      where: { id: legacy.id },
      data: { secretEnc: sealV1("whsec_legacy", k1(), m.webhookAad(legacy.id)) },
    });
    const stranger = await m.createWebhookEndpoint(admin, { url: `${receiver.url}/c`, description: "", events: [] });
    s.stranger = stranger.id;
    await p.db.webhookEndpoint.update({
      where: { id: stranger.id },
      data: { secretEnc: m.seal("whsec_stranger", randomBytes(32), m.webhookAad(stranger.id)) },
    });
    // A paused "assign all" job, resumed with a fresh login: the person's token is sealed to the job.
    const job = await p.db.clientAssignJob.create({
      data: { environmentId: env.id, facilitatorOrgNo: "310904473", agentSystemUserId: "agent", startedBy: "sub" },
    });
    await p.db.clientAssignJob.update({ where: { id: job.id }, data: { status: "paused" } });
    s.token = personToken();
    const ctx = { session: { env: env.slug, token: s.token, exp: 0, sub: "sub" }, environment: env, org: "310904473" };
    await m.resumeAssignJob(ctx, job.id, { kick: false });
    s.job = job.id;
    s.apiKey = (await createKey(env, { name: "rekey", scopes: ["systems:read"] })).secret;
  }, 60_000);

  afterAll(async () => {
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("re-seals every secret under the new key; a stranger's key fails clearly and is left alone", async () => {
    const p = ref();
    const m = await secrets();
    const session = m.sealSession({ env: env.slug, token: "t", exp: Math.floor(Date.now() / 1000) + 600, sub: "x" });
    const ref1 = m.externalRefFor(env.id, "310904473");
    // (1) every process knows the new key as current and the old one as previous; digests stay on K1.
    // The command takes the new key into the data dir's files (the embedded default) and re-seals.
    await useKeys(k2, [k1()], k1());
    writeFileSync(path.join(dataDir, "master.key"), b64(k1()), { mode: 0o600 });
    const first = await rotate("files", "--key", b64(k2));
    expect(keyFile(dataDir, "master.key")).toBe(b64(k2));
    expect(keyFile(dataDir, "master.keys.previous")).toBe(b64(k1()));
    expect(keyFile(dataDir, "digest.key")).toBe(b64(k1()));
    expect(first.out).toContain(`New master key ${m.keyId(k2)} in the data dir; ${m.keyId(k1())} is kept`);
    expect(first.status, first.out).toBe(1);
    expect(first.out).toMatch(
      new RegExp(`webhook_endpoints\\.secretEnc ${s.stranger}: Secret sealed under master key`),
    );
    expect(first.out).toContain("add it to PORTAL_MASTER_KEYS_PREVIOUS");
    expect(first.out).toMatch(/signing_keys\.privateKeyEnc: [1-9]\d* re-sealed, 0 changed meanwhile, 0 failed/);
    await expect(m.revealWebhookSecret(p.scope(p.actors.admin, env), s.stranger)).rejects.toThrow(
      m.UnknownMasterKeyError,
    );
    await p.db.webhookEndpoint.delete({ where: { id: s.stranger } });
    const second = await rotate("files", "--reseal");
    expect(second.status, second.out).toBe(0);
    expect(second.out).toContain("Every secret is under the current key");
    expect(await m.countEnvelopesByKey()).toEqual({ [m.keyId(k2)]: expect.any(Number) });
    expect(m.openSession(session)).toMatchObject({ sub: "x" });
    const drop = await rotate("files", "--drop-previous");
    expect(drop.status, drop.out).toBe(0);
    expect(keyFile(dataDir, "master.keys.previous")).toBe("");

    // (3) the old key is gone: everything still works with the new key alone.
    await useKeys(k2, [], k1());
    const { clearTokenCache } = await import("@/lib/integrations/maskinporten/tokens");
    clearTokenCache(env.id);
    const checks = await p.m.connection.testConnection(p.scope(p.actors.admin, env));
    expect(checks.find((c) => c.id === "grant")?.ok, JSON.stringify(checks)).toBe(true);
    const revealed = await m.revealWebhookSecret(p.scope(p.actors.admin, env), s.endpoint);
    expect(revealed).toMatchObject({ secret: s.secret, previousSecret: s.previous });
    expect((await m.revealWebhookSecret(p.scope(p.actors.admin, env), s.legacy)).secret).toBe("whsec_legacy");
    const job = await p.db.clientAssignJob.findUniqueOrThrow({ where: { id: s.job } });
    expect(m.openJobToken(s.job, job.tokenEnc ?? "")).toBe(s.token);
    const ops = await operations();
    expect((await callApi(ops.listSystemsOp, { key: s.apiKey, path: "/systems" })).status).toBe(200);
    expect(m.externalRefFor(env.id, "310904473")).toBe(ref1);
    // A cookie cannot be re-sealed: sealed under the dropped key, it is a logged-out session, not an error.
    expect(m.openSession(session)).toBeNull();
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "master_key.reseal", targetId: m.keyId(k2), outcome: "success" },
    });
    expect(audit).toMatchObject({ actorType: "system", actorLabel: "cli master-key:rotate" });
  }, 300_000);

  it("rotates back the same way, so the other groups find the key they started with", async () => {
    const m = await secrets();
    await useKeys(k1(), [k2], k1());
    expect((await rotate("env")).status, "a new key from the environment is the operator's to set").toBe(2);
    expect((await rotate("env", "--drop-previous")).status, "not while secrets are under K2").toBe(1);
    const back = await rotate("env", "--reseal");
    expect(back.status, back.out).toBe(0);
    await useKeys(k1(), [], null);
    expect(Object.keys(await m.countEnvelopesByKey())).toEqual([m.keyId(k1())]);
  }, 300_000);
}
