import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { SECURITY_TARGET } from "../e2e/servers";
import { expect, test } from "./fixtures";

// Finding 11 (issue 13): PGlite has no passwords, so whoever reaches it is its superuser. The security
// portal's embedded database must listen on a Unix socket in a directory only the portal's OS user can
// enter, and on no TCP port that any local user could connect to.

const socketDir = path.join(SECURITY_TARGET.dataDir, "run");
const socketFile = path.join(socketDir, ".s.PGSQL.5432");

/** Inodes of the sockets bound to `file` (from /proc/net/unix). */
function unixSocketInodes(file: string): Set<string> {
  const lines = readFileSync("/proc/net/unix", "utf8").split("\n").slice(1);
  return new Set(lines.map((l) => l.trim().split(/\s+/)).flatMap((f) => (f[7] === file && f[6] ? [f[6]] : [])));
}

/** The processes holding one of these socket inodes open. */
function holders(inodes: Set<string>): string[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readdirSync(`/proc/${pid}/fd`).some((fd) => {
          const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
          return inodes.has(link.match(/^socket:\[(\d+)\]$/)?.[1] ?? "");
        });
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
}

/** Inodes of the sockets of one process. */
function socketsOf(pid: string): Set<string> {
  return new Set(
    readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
      return m?.[1] ? [m[1]] : [];
    }),
  );
}

/** TCP listening sockets (state 0A in /proc/net/tcp and tcp6): local address "ADDR:PORT" (hex) and inode. */
function tcpListening(): { local: string; inode: string }[] {
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    readFileSync(table, "utf8")
      .split("\n")
      .slice(1)
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[3] === "0A")
      .map((f) => ({ local: f[1] ?? "", inode: f[9] ?? "" })),
  );
}

/**
 * The process that holds the embedded database: e2e/serve.ts (scripts/start.ts), the parent of the
 * `next start` that listens on the portal's port.
 */
function databaseProcess(): string {
  const port = SECURITY_TARGET.portalPort.toString(16).toUpperCase().padStart(4, "0");
  const web = tcpListening().filter((l) => l.local.endsWith(`:${port}`));
  const [next] = holders(new Set(web.map((l) => l.inode)));
  if (!next) throw new Error(`no process listens on ${SECURITY_TARGET.portalPort}`);
  const ppid = readFileSync(`/proc/${next}/status`, "utf8").match(/^PPid:\s+(\d+)/m)?.[1];
  if (!ppid) throw new Error(`no parent for ${next}`);
  return ppid;
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" });
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", () => resolve(true));
  });

test("F11 embedded database: its socket directory is private to the portal's OS user (mode 0700)", async () => {
  expect((statSync(socketDir).mode & 0o777).toString(8)).toBe("700");
  expect(statSync(socketDir).uid).toBe(process.getuid?.());
  expect(statSync(socketFile).isSocket()).toBe(true);
  // It is the portal's database: the same OS user connects through the socket, without a password.
  const client = new pg.Client({ connectionString: `postgresql://postgres@localhost/postgres?host=${socketDir}` });
  await client.connect();
  const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM _prisma_migrations");
  await client.end();
  expect(rows[0]?.n).toBeGreaterThan(0);
});

test("F11 embedded database: the process serving it accepts no TCP connection", async () => {
  const pid = databaseProcess();
  const mine = socketsOf(pid);
  const listening = tcpListening().filter((l) => mine.has(l.inode));
  expect(
    listening.map((l) => l.local),
    `TCP ports the database's process ${pid} listens on`,
  ).toEqual([]);
  expect(holders(unixSocketInodes(socketFile)), "it serves the Unix socket instead").toContain(pid);
  // Where earlier versions listened (PGLITE_PORT = portal port + 52000), and no port file points anywhere.
  expect(await refused(SECURITY_TARGET.portalPort + 52_000)).toBe(true);
  expect(existsSync(path.join(SECURITY_TARGET.dataDir, "pglite.port"))).toBe(false);
});
