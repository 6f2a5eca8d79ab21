import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const dataDir = () => path.resolve(process.env.PORTAL_DATA_DIR ?? ".data");

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

/** Fills in the embedded defaults for anything the environment does not set. */
export function prepareRuntimeEnv(): number {
  // .env is honoured here too, so it decides embedded vs external database before Next starts.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const port = Number(process.env.PORT ?? 3000);
  mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
  process.env.PORTAL_MASTER_KEY ??= fileSecret("master.key", () => randomBytes(32).toString("base64"));
  process.env.NEXTAUTH_SECRET ??= fileSecret("nextauth.secret", () => randomBytes(48).toString("base64url"));
  process.env.PORTAL_URL ??= `http://127.0.0.1:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.PORTAL_URL;
  process.env.EMULATOR_URL ??= "http://127.0.0.1:4010";
  return port;
}
