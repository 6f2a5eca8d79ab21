import { generateKeyPairSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export const dataDir = () => path.resolve(process.env.PORTAL_DATA_DIR ?? ".data");

const newKey = () => randomBytes(32).toString("base64");
const keyFile = (name: "master.key" | "master.keys.previous" | "digest.key") => path.join(dataDir(), name);

/** A secret kept in the data dir (mode 0600) when the operator did not supply one through env. */
function fileSecret(name: string, make: () => string): string {
  const file = path.join(dataDir(), name);
  if (!existsSync(file)) {
    writeFileSync(file, make(), { mode: 0o600 });
    console.warn(
      `[portal] WARNING: generated ${file}. Fine for a laptop; in production set the env var from a secret store.`,
    );
  }
  chmodSync(file, 0o600);
  return readFileSync(file, "utf8").trim();
}

/** Written whole or not at all (a crash mid-write must not leave half a key), mode 0600. */
function writeSecretFile(file: string, content: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, file);
}

/** The audit trail's checkpoint signing key (ADR 020): a private Ed25519 JWK. */
export const newAuditSigningKey = () =>
  JSON.stringify(generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }));

let keysInDataDir = false;
/** True when the master keys come from the data dir (no PORTAL_MASTER_KEY in the environment). */
export const masterKeysInDataDir = () => keysInDataDir;

/**
 * The embedded default: master.key (current), master.keys.previous (one a line, still opening what they
 * sealed) and digest.key (ADR 019). An installation from before rotation existed keyed its digests with
 * its first master key, so that one becomes its digest key; a new one gets a key of its own.
 */
function dataDirMasterKeys(): Record<string, string> {
  const master = keyFile("master.key");
  const first = existsSync(master) ? readFileSync(master, "utf8").trim() : null;
  const digest = fileSecret("digest.key", () => first ?? newKey());
  const current = fileSecret("master.key", newKey);
  const previous = existsSync(keyFile("master.keys.previous"))
    ? readFileSync(keyFile("master.keys.previous"), "utf8").split(/\s+/).filter(Boolean)
    : [];
  return {
    PORTAL_MASTER_KEY: current,
    PORTAL_MASTER_KEYS_PREVIOUS: previous.join(","),
    PORTAL_DIGEST_KEY: process.env.PORTAL_DIGEST_KEY ?? digest,
  };
}

/**
 * `npm run master-key:rotate` in the embedded default: the old current key goes to master.keys.previous
 * first, then master.key takes the new one, so a crash in between leaves both keys known.
 */
export function writeDataDirMasterKeys(current: string, previous: string[]) {
  writeSecretFile(keyFile("master.keys.previous"), previous.length ? `${previous.join("\n")}\n` : "");
  writeSecretFile(keyFile("master.key"), current);
  process.env.PORTAL_MASTER_KEY = current;
  process.env.PORTAL_MASTER_KEYS_PREVIOUS = previous.join(",");
}

/** Fills in the embedded defaults for anything the environment does not set. */
export function prepareRuntimeEnv(): number {
  // .env is honoured here too, so it decides embedded vs external database before Next starts.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const port = Number(process.env.PORT ?? 3000);
  mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
  if (!process.env.PORTAL_MASTER_KEY) {
    keysInDataDir = true;
    Object.assign(process.env, dataDirMasterKeys());
  }
  process.env.NEXTAUTH_SECRET ??= fileSecret("nextauth.secret", () => randomBytes(48).toString("base64url"));
  process.env.AUDIT_SIGNING_KEY ??= fileSecret("audit-signing.jwk", newAuditSigningKey);
  process.env.AUDIT_ANCHOR_DIR ??= path.join(dataDir(), "audit-anchors");
  process.env.AUDIT_ARCHIVE_DIR ??= path.join(dataDir(), "audit-archive");
  process.env.PORTAL_URL ??= `http://127.0.0.1:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.PORTAL_URL;
  process.env.EMULATOR_URL ??= "http://127.0.0.1:4010";
  return port;
}
