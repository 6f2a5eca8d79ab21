// CLI: `npm run emulator`. Configuration comes from the environment so the portal's start-up
// script can point it at a port and a state file.
import { startEmulator } from "./server";

const port = Number(process.env.EMULATOR_PORT ?? "4010");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`Invalid EMULATOR_PORT: ${process.env.EMULATOR_PORT ?? ""}\n`);
  process.exit(1);
}

// The local mail catcher's SMTP port (scripts/start.ts passes it; off when unset).
const smtpPort = process.env.EMULATOR_SMTP_PORT ? Number(process.env.EMULATOR_SMTP_PORT) : undefined;
const emulator = await startEmulator({
  smtpPort,
  port,
  host: process.env.EMULATOR_HOST || "127.0.0.1",
  publicUrl: process.env.EMULATOR_PUBLIC_URL || undefined,
  stateFile: process.env.EMULATOR_STATE_FILE || undefined,
});
process.stdout.write(`emulator listening on ${emulator.url}\n`);
if (emulator.mail)
  process.stdout.write(`mail catcher (SMTP) on port ${emulator.mail.port}, read at ${emulator.url}/mail\n`);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`emulator received ${signal}, shutting down\n`);
  await emulator.close();
  process.exit(0);
}
process.on("SIGTERM", (s) => void stop(s));
process.on("SIGINT", (s) => void stop(s));
