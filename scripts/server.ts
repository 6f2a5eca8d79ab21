// The portal's HTTP server: Next.js through its custom-server API (next() + getRequestHandler()) behind a
// plain node:http server. `next start` gives route handlers no way to see the TCP peer (no request.ip,
// and X-Forwarded-For is whatever the client sent); here every request is stamped with the client's
// address and protocol before Next sees it (lib/core/edge.ts), so rate limits and HSTS can rely on them.
// Started by scripts/start.ts (npm run serve / npm run dev); plain Node + tsx, no react-server condition
// (Next loads its own React builds).
import { createServer } from "node:http";
import next from "next";
import { issueEdgeProof, stampRequest } from "@/lib/core/edge";
import { trustedHops } from "@/lib/core/forwarded";
import { logger } from "@/lib/core/log";
import { observeRequest } from "@/lib/core/metrics-http";
import { routeLabel } from "@/lib/core/metrics-route";
import { gracefulStop } from "./lib/graceful-stop";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// Loopback only, as with `next start -H 127.0.0.1` before: a proxy on the same host faces the network.
const hostname = "127.0.0.1";
const log = logger("server");
const { hops, warning } = trustedHops(process.env);
if (warning) log.warn(warning);
issueEdgeProof();

const server = createServer();
const app = next({ dev, hostname, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on("request", (req, res) => {
  stampRequest(req, hops);
  observeRequest(req, res, log);
  handle(req, res).catch((err: unknown) => {
    log.error({ err, method: req.method, route: routeLabel(req.url ?? "/", 500) }, "request failed");
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("Internal Server Error");
  });
});
server.listen(port, hostname, () => {
  log.info(
    { mode: dev ? "development" : "production", url: `http://${hostname}:${port}`, trustedProxyHops: hops },
    "listening",
  );
});

// Graceful: no new work, in-flight requests and job steps finish (bounded), then exit 0 (scripts/lib/graceful-stop.ts).
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "stopping");
  void gracefulStop(server, signal);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
