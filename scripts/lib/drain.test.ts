import { createServer, request, Agent } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { drainServer } from "./drain";

type Answer = { status: number; connection?: string; body: string };

function get(port: number, path: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("drainServer", () => {
  it("lets a request in flight finish, refuses new ones on a kept-alive connection, then closes", async () => {
    let release = () => {};
    const server = createServer((req, res) => {
      if (req.url === "/slow") release = () => res.end("slow done");
      else res.end("fast");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const other = new Agent({ keepAlive: true, maxSockets: 1 });
    // A second kept-alive connection, idle when the drain starts.
    expect((await get(port, "/fast", other)).body).toBe("fast");
    const slow = get(port, "/slow", keepAlive);
    await new Promise((r) => setTimeout(r, 50));

    const drained = drainServer(server, 5_000);
    // The idle connection was closed: a new request there cannot reach the old server.
    await expect(get(port, "/fast", other)).rejects.toThrow();
    release();
    expect(await slow).toMatchObject({ status: 200, body: "slow done" });
    expect(await drained).toBe(true);
    keepAlive.destroy();
    other.destroy();
  });

  it("answers 503 with Connection: close to a request completed after the drain began", async () => {
    const server = createServer((_req, res) => res.end("app"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    // A client half-way through sending its request when the drain starts (a kept-alive client's next
    // request racing the shutdown): it gets the refusal, never the app.
    const socket = connect(port, "127.0.0.1");
    let raw = "";
    socket.on("data", (d: Buffer) => (raw += d.toString()));
    const closed = new Promise((r) => socket.on("close", r));
    socket.write("GET /next HTTP/1.1\r\nHost: x\r\n");
    await new Promise((r) => setTimeout(r, 50));
    const drained = drainServer(server, 5_000);
    socket.write("\r\n");
    await closed;
    expect(raw).toMatch(/^HTTP\/1\.1 503[\s\S]*connection: close/i);
    expect(raw).not.toContain("app");
    expect(await drained).toBe(true);
  });

  it("cuts connections still busy at the bound and says so", async () => {
    const server = createServer(() => {});
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true });
    const hung = get(port, "/", agent).catch(() => "cut");
    await new Promise((r) => setTimeout(r, 50));
    expect(await drainServer(server, 200)).toBe(false);
    expect(await hung).toBe("cut");
    agent.destroy();
  });
});
