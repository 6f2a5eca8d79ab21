// `prisma generate` needs DATABASE_URL to be set (to anything): without it Prisma 6.19 tries to
// download a native query engine, which fails offline. Generation never connects.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const res = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://generate-only@127.0.0.1:1/none" },
});
process.exit(res.status ?? 1);
