// A TCP relay in front of the shared PostgreSQL for e2e/multiprocess.spec.ts: the portal processes connect
// through it, and `outage()` does to them what a database restart or failover does (every session ends
// with the server's FATAL 57P01, new connections are refused until it is back) without restarting the
// machine's PostgreSQL, which other tests share.
import net from "node:net";
import pg from "pg";

export class PgRelay {
  private server: net.Server | undefined;
  private readonly open = new Set<net.Socket>();
  constructor(
    readonly port: number,
    private readonly target = { host: "127.0.0.1", port: 5432 },
  ) {}

  async listen(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.once("close", () => this.open.delete(s));
        s.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.once("close", () => upstream.destroy());
      upstream.once("close", () => client.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
  }

  /**
   * The database goes away until `up()`: the listener closes, so a new connection is refused (what a
   * client sees while PostgreSQL restarts), and the sessions of `database` are terminated by the server
   * itself, so every client gets the real "terminating connection due to administrator command".
   * Whatever is still open here is then cut.
   */
  async down(database: string): Promise<void> {
    // close() stops accepting at once; its callback would wait for every open connection to end.
    this.server?.close();
    this.server = undefined;
    const direct = new pg.Client({ host: this.target.host, port: this.target.port, user: "postgres", database });
    await direct.connect();
    try {
      await direct.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      );
    } finally {
      await direct.end();
    }
    for (const s of this.open) s.destroy();
  }

  /** The database is back: connections are relayed again. */
  async up(): Promise<void> {
    await this.listen();
  }

  close(): void {
    this.server?.close();
    this.server = undefined;
    for (const s of this.open) s.destroy();
  }
}
