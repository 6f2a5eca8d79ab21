// Telling "the database is away" (a restart, a failover, a network cut) from every other failure, so
// background work waits for PostgreSQL to come back instead of giving up or spending Altinn calls whose
// answers it cannot store. The error comes in several dresses: pg's own (a socket error code, or the
// server's SQLSTATE), Prisma's client errors (P1001…), and the driver adapter's mapped kinds.

/** Socket errors, and SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash, starting). */
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  // Prisma: cannot reach the server, connection timed out, server closed the connection.
  "P1001",
  "P1002",
  "P1017",
]);
/** What the driver adapter makes of a lost connection (@prisma/adapter-pg's mapSocketError). */
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
/** pg's own words for a connection that ended under it, which carry no code. */
const MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /Can't reach database server/i,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const { code, kind, message, originalCode } = e as Record<string, unknown>;
    if (typeof code === "string" && CODES.has(code)) return true;
    if (typeof originalCode === "string" && CODES.has(originalCode)) return true;
    if (typeof kind === "string" && KINDS.has(kind)) return true;
    if (typeof message === "string" && MESSAGES.some((m) => m.test(message))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
