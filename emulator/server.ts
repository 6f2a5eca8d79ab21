// Entry point for embedding the emulator (tests, start-up scripts). One module per API area is
// registered on a shared router so later issues can add areas without touching the others.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Emulator } from "./context";
import { registerAdmin } from "./admin/admin-routes";
import { registerRequestShortcuts } from "./admin/request-shortcuts";
import { registerControl } from "./admin/control-routes";
import { registerEntityRegister } from "./brreg/entity-routes";
import { registerChangeRequests } from "./altinn/change-request-routes";
import { registerClientDelegation } from "./altinn/client-delegation-routes";
import { registerExchange } from "./altinn/exchange-routes";
import { registerByExternalId } from "./altinn/byexternalid-routes";
import { registerMetadata } from "./altinn/metadata-routes";
import { registerDigdirApi } from "./digdir/clients-api";
import { registerIdPorten } from "./idporten/routes";
import { registerServiceOwner } from "./serviceowner/routes";
import { registerRequests } from "./altinn/request-routes";
import { registerSystemRegister } from "./altinn/system-register-routes";
import { registerSystemUsers } from "./altinn/system-user-routes";
import { BodyTooLargeError, redirect, sendEmpty, sendText } from "./lib/http";
import { Router } from "./lib/router";
import { applyFaults, recordCall } from "./lib/control";
import { registerMaskinporten } from "./maskinporten/routes";
import { Store } from "./state/store";
import { registerConfirmPage } from "./ui/confirm-page";
import { registerSelfService } from "./ui/selfservice";
import { MailCatcher } from "./mail/catcher";
import { registerMail } from "./mail/routes";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Base URL clients use to reach the emulator; defaults to http://<host>:<bound port>. */
  publicUrl?: string;
  /** JSON file for persistent state; loaded at start and rewritten after every mutation. */
  stateFile?: string;
  /** Port of the local SMTP mail catcher (0: any free one); no catcher when left out. */
  smtpPort?: number;
}

export interface RunningEmulator {
  /** The public URL (issuer without trailing slash, base for every API). */
  url: string;
  /** In-process access to state and clock, for tests only (e.g. moving `control.clockOffsetMs`). */
  emulator: Emulator;
  /** The mail catcher (its messages and the port it listens on), when smtpPort was given. */
  mail: { catcher: MailCatcher; port: number } | null;
  close(): Promise<void>;
}

function buildRouter(emu: Emulator, catcher: MailCatcher): Router {
  const router = new Router();
  registerMail(router, catcher);
  registerMaskinporten(router, emu);
  registerSystemRegister(router, emu);
  registerRequests(router, emu);
  registerSystemUsers(router, emu);
  registerConfirmPage(router, emu);
  registerSelfService(router, emu);
  registerAdmin(router, emu);
  registerRequestShortcuts(router, emu);
  registerControl(router, emu);
  registerExchange(router, emu);
  registerIdPorten(router, emu);
  registerDigdirApi(router, emu);
  registerMetadata(router, emu);
  registerChangeRequests(router, emu);
  registerClientDelegation(router, emu);
  registerServiceOwner(router, emu);
  registerByExternalId(router, emu);
  registerEntityRegister(router, emu);
  router.get("/", ({ res }) => redirect(res, 302, "/selfservice"));
  return router;
}

async function dispatch(emu: Emulator, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Every answer is dated by the emulated clock, as a real server's Date header reflects its own
  // clock: clients that compare it with theirs (clock-skew diagnosis) see the offset set with
  // POST /emulator/clock. Node would otherwise stamp the host's real time.
  res.setHeader("date", emu.now().toUTCString());
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const found = router.match(req.method ?? "GET", url.pathname);
  if (found === null) return sendEmpty(res, 404);
  if (found === "methodMismatch") return sendEmpty(res, 405);
  const method = req.method ?? "GET";
  res.once("finish", () => recordCall(emu, method, found.pattern, res.statusCode));
  if (await applyFaults(emu, url.pathname, res)) return;
  try {
    await found.handler({ req, res, url, params: found.params });
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof BodyTooLargeError) return sendEmpty(res, 413);
    // Reported in the body rather than on stderr: the emulator is a test double and callers see it.
    sendText(res, 500, `Emulator error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const store = await Store.open(opts.stateFile);
  const emu: Emulator = {
    store,
    publicUrl: "",
    issuer: "",
    now: () => new Date(Date.now() + store.data.control.clockOffsetMs),
  };
  const catcher = new MailCatcher();
  const router = buildRouter(emu, catcher);
  const server = createServer((req, res) => void dispatch(emu, router, req, res));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address: AddressInfo | string | null = server.address();
  if (typeof address !== "object" || address === null) throw new Error("emulator is not listening on a TCP port");
  const { port } = address;
  // Set before any request is handled: the listen callback runs before the first connection event.
  emu.publicUrl = (opts.publicUrl ?? `http://${formatHost(host)}:${port}`).replace(/\/+$/, "");
  emu.issuer = `${emu.publicUrl}/`;
  const smtpPort = opts.smtpPort === undefined ? null : await catcher.listen(opts.smtpPort, host);

  return {
    url: emu.publicUrl,
    emulator: emu,
    mail: smtpPort === null ? null : { catcher, port: smtpPort },
    close: async () => {
      await catcher.close();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
