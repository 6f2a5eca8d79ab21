// npm run master-key:rotate [-- --key <base64>] | [-- --reseal] | [-- --drop-previous]
// A new master key without downtime (ADR 019): (1) every process knows the new key as current and the old
// one as previous, (2) every stored secret is re-sealed under the new key, (3) the old key is dropped.
// With the keys in the data dir (the embedded default) this command does all three; a running portal
// must be restarted between (1) and (2). With PORTAL_MASTER_KEY in the environment, (1) and (3) are the
// operator's: this command does (2) with --reseal and says when (3) is safe.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { masterKeysInDataDir, prepareRuntimeEnv, writeDataDirMasterKeys } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

const LABEL = "cli master-key:rotate";
const { values } = parseArgs({
  options: { key: { type: "string" }, reseal: { type: "boolean" }, "drop-previous": { type: "boolean" } },
});
const isKey = (k: string) => Buffer.from(k, "base64").length === 32;
if (values.key !== undefined && (!isKey(values.key) || values.reseal || values["drop-previous"])) {
  console.error("--key takes 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`), and no other option.");
  process.exit(2);
}

prepareRuntimeEnv();
const fromFiles = masterKeysInDataDir();
const { keyId } = await import("@/lib/core/secret-box");
const kid = (k: string) => keyId(Buffer.from(k, "base64"));
const newKeyWanted = !values.reseal && !values["drop-previous"];

if (newKeyWanted && !fromFiles) {
  console.error(
    [
      "PORTAL_MASTER_KEY comes from the environment, so the new key goes there too:",
      "  1. Set PORTAL_MASTER_KEY to a new key (e.g. `openssl rand -base64 32`), add the old one to",
      "     PORTAL_MASTER_KEYS_PREVIOUS, and set PORTAL_DIGEST_KEY to the key the installation started with.",
      "     Restart every portal process with these settings.",
      "  2. npm run master-key:rotate -- --reseal",
      "  3. npm run master-key:rotate -- --drop-previous (it says when the old key can go), then remove it.",
    ].join("\n"),
  );
  process.exit(2);
}

if (newKeyWanted) {
  const old = process.env.PORTAL_MASTER_KEY ?? "";
  const next = values.key ?? randomBytes(32).toString("base64");
  const previous = [old, ...(process.env.PORTAL_MASTER_KEYS_PREVIOUS ?? "").split(",")].filter(
    (k, i, all) => k && k !== next && all.indexOf(k) === i,
  );
  writeDataDirMasterKeys(next, previous);
  console.log(`New master key ${kid(next)} in the data dir; ${kid(old)} is kept as a previous key.`);
  // A portal started before this has only the old key: it could not open what we would re-seal now.
  const portal = process.env.PORTAL_URL ?? "";
  const running = await fetch(`${portal}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
    (r) => r.ok,
    () => false,
  );
  if (running) {
    console.log(`The portal at ${portal} is running with the old key: restart it, then run`);
    console.log("  npm run master-key:rotate -- --reseal");
    process.exit(0);
  }
}

const database = await withDatabase();
const { resealAllSecrets, countEnvelopesByKey } = await import("@/lib/secrets/rotate");
const { currentMasterKeyId } = await import("@/lib/core/master-key");
const { closeDb } = await import("@/lib/core/db");
const show = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k}: ${n}`)
    .join(", ") || "none";
try {
  if (values["drop-previous"]) {
    const counts = await countEnvelopesByKey();
    const behind = Object.entries(counts).filter(([k]) => k !== currentMasterKeyId());
    if (behind.length > 0) {
      console.error(
        `Secrets are still sealed under other keys (${show(Object.fromEntries(behind))}): run --reseal first.`,
      );
      process.exitCode = 1;
    } else if (fromFiles) {
      writeDataDirMasterKeys(process.env.PORTAL_MASTER_KEY ?? "", []);
      console.log(`Every secret is under ${currentMasterKeyId()}; the previous keys are dropped from the data dir.`);
    } else {
      console.log(`Every secret is under ${currentMasterKeyId()}: PORTAL_MASTER_KEYS_PREVIOUS can be removed.`);
    }
  } else {
    const r = await resealAllSecrets(LABEL);
    console.log(`Re-sealing under ${r.keyId} (previous: ${r.previousKeyIds.join(", ") || "none"}).`);
    console.log(`Before: ${show(r.before)}`);
    for (const c of r.columns) {
      console.log(
        `  ${c.column}: ${c.resealed} re-sealed, ${c.changedMeanwhile} changed meanwhile, ${c.failed.length} failed`,
      );
      for (const f of c.failed) console.error(`    ${c.column} ${f.id}: ${f.error}`);
    }
    console.log(`After:  ${show(r.after)}`);
    const behind = Object.keys(r.after).filter((k) => k !== r.keyId);
    if (r.columns.some((c) => c.failed.length > 0)) process.exitCode = 1;
    else if (behind.length > 0) console.log("Some rows changed meanwhile under an old key: run --reseal again.");
    else console.log("Every secret is under the current key: the previous keys can be dropped (--drop-previous).");
  }
} finally {
  await closeDb();
  await database.stop();
}
