import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { dataDir } from "./runtime-env";

const portFile = () => path.join(dataDir(), "pglite.port");

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const urlFor = (port: number) =>
  `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable&application_name=portal-embedded`;

/**
 * Embedded PostgreSQL: PGlite persisted under the data dir, served on a local port so Prisma, the
 * CLI and scripts all speak plain PostgreSQL to it. If another process of ours already serves the
 * same data dir, reuse it: two PGlite instances on one directory would corrupt it.
 */
export async function startEmbeddedDb(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (existsSync(portFile())) {
    const port = Number(readFileSync(portFile(), "utf8"));
    if (await answers(port)) return { url: urlFor(port), stop: async () => {} };
  }
  const port = Number(process.env.PGLITE_PORT ?? 55433);
  const db = await PGlite.create(path.join(dataDir(), "pglite"));
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 20 });
  await server.start();
  writeFileSync(portFile(), String(port));
  return {
    url: urlFor(port),
    stop: async () => {
      rmSync(portFile(), { force: true });
      await server.stop();
      await db.close();
    },
  };
}
