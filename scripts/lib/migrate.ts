import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** `prisma migrate deploy` through the JS schema engine (prisma.config.ts); output kept unless it fails. */
export function migrateDeploy(databaseUrl: string): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => {
      if (code === 0) {
        const applied = output.match(/following migration\(s\) have been applied:[\s\S]*/)?.[0];
        console.log(applied ? `[portal] database migrated` : "[portal] database schema is up to date");
        resolve();
      } else reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`));
    });
  });
}
