import type { IncomingMessage, Server, ServerResponse } from "node:http";

/**
 * Takes the HTTP server out of service for a graceful stop: no new connections (close()), and a request
 * that arrives on a kept-alive connection gets 503 with `Connection: close`, so a client or proxy retries
 * elsewhere. Requests already being handled finish; their connections are closed as soon as they go idle.
 * Resolves true when every connection has gone, false when `timeoutMs` ran out (the rest are cut).
 */
export function drainServer(server: Server, timeoutMs: number): Promise<boolean> {
  server.removeAllListeners("request");
  server.on("request", refuse);
  return new Promise((resolve) => {
    let done = false;
    const finish = (clean: boolean) => {
      if (done) return;
      done = true;
      clearInterval(sweep);
      clearTimeout(limit);
      resolve(clean);
    };
    // close() calls back once the last connection has ended. A connection whose request just finished
    // would otherwise sit idle until its keep-alive timeout, so idle ones are closed as they appear.
    server.close(() => finish(true));
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.closeIdleConnections();
    const limit = setTimeout(() => {
      server.closeAllConnections();
      finish(false);
    }, timeoutMs);
  });
}

function refuse(req: IncomingMessage, res: ServerResponse) {
  req.resume();
  res.writeHead(503, {
    "content-type": "text/plain; charset=utf-8",
    connection: "close",
    "retry-after": "1",
  });
  res.end("Shutting down\n");
}
