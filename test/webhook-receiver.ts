// A webhook receiver on 127.0.0.1 for the webhooks suite and bench: it records every request (raw body and
// headers, as a real receiver must verify them) and answers whatever `respond` says. It can go down
// (connections refused) and come back on the same port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type Received = {
  path: string;
  id: string;
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered. */
  status: number;
  at: number;
};

/** A status, a full answer, or "hang": never answer (the sender's timeout must end it). */
type Answer = number | "hang" | { status: number; headers?: Record<string, string>; body?: string };

export type Receiver = {
  url: string;
  received: Received[];
  respond: (fn: (r: Omit<Received, "status" | "at">) => Answer) => void;
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
  /** Event ids that got a 2xx, each with how many times it did. */
  okCounts: () => Map<string, number>;
};

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let answer: (r: Omit<Received, "status" | "at">) => Answer = () => 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]),
      );
      const r = {
        path: req.url ?? "/",
        id: headers["webhook-id"] ?? "",
        headers,
        body: Buffer.concat(chunks).toString(),
      };
      const a = answer(r);
      if (a === "hang") return void received.push({ ...r, status: 0, at: performance.now() });
      const out = typeof a === "number" ? { status: a } : a;
      received.push({ ...r, status: out.status, at: performance.now() });
      res.writeHead(out.status, out.headers).end(out.body ?? "ok");
    });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond: (fn) => {
      answer = fn;
    },
    down: close,
    up: async () => {
      if (!server.listening) await listen(port);
    },
    close: async () => {
      if (server.listening) await close();
    },
    okCounts: () => {
      const counts = new Map<string, number>();
      for (const r of received) if (r.status >= 200 && r.status < 300) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
      return counts;
    },
  };
}

/** What a receiver does with each request: verify the signature on the raw body, then parse it. */
export function verify(secret: string, r: Pick<Received, "body" | "headers">): unknown {
  return new Webhook(secret).verify(r.body, r.headers);
}
