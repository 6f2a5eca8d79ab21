import { chmodSync, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { dataDir } from "./runtime-env";

// PGlite has no users or passwords: whoever reaches its socket is the superuser. So it listens on a
// Unix socket in a directory only the portal's OS user may enter (mode 0700), never on TCP, where any
// local user could connect: the file system does what PostgreSQL's peer authentication would.

/** The directory holding the socket (libpq's convention: `<dir>/.s.PGSQL.<port>`). */
export const socketDir = () => path.join(dataDir(), "run");
const SOCKET = ".s.PGSQL.5432";
const socketPath = () => path.join(socketDir(), SOCKET);
// Linux refuses socket paths past 107 bytes; say so instead of failing with EINVAL.
const MAX_SOCKET_PATH = 107;

function answers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ path: file });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** pg (and so Prisma's adapter, pg-boss and the migrate CLI) reads a socket directory from `host`. */
export const urlFor = (dir: string) =>
  `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&sslmode=disable&application_name=portal-embedded`;

/** The socket directory, created or tightened to 0700 (mkdir's mode is filtered by the umask). */
function privateSocketDir(): string {
  const dir = socketDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if ((statSync(dir).mode & 0o077) !== 0) throw new Error(`${dir} must be private to its owner (mode 0700)`);
  return dir;
}

/**
 * Embedded PostgreSQL: PGlite persisted under the data dir, served on a Unix socket so Prisma, the
 * CLI and scripts all speak plain PostgreSQL to it. If another process of ours already serves the
 * same data dir, reuse it: two PGlite instances on one directory would corrupt it.
 */
export async function startEmbeddedDb(): Promise<{ url: string; reused: boolean; stop: () => Promise<void> }> {
  const dir = privateSocketDir();
  const file = socketPath();
  // The TCP port file of earlier versions: nothing listens there any more.
  rmSync(path.join(dataDir(), "pglite.port"), { force: true });
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH)
    throw new Error(`the socket path ${file} is too long for a Unix socket: use a shorter PORTAL_DATA_DIR`);
  if (existsSync(file)) {
    if (await answers(file)) return { url: urlFor(dir), reused: true, stop: async () => {} };
    // Left behind by a process that died: nobody answers on it, and listen() would refuse the path.
    rmSync(file, { force: true });
  }
  const db = await PGlite.create(path.join(dataDir(), "pglite"));
  const server = new PGLiteSocketServer({ db, path: file, maxConnections: 20 });
  await server.start();
  return {
    url: urlFor(dir),
    reused: false,
    stop: async () => {
      await server.stop();
      rmSync(file, { force: true });
      await db.close();
    },
  };
}
