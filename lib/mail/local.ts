import "server-only";
import { db } from "@/lib/core/db";
import { localMailCatcherPort } from "@/lib/environments/local";

/**
 * The Local emulator environment sends through the emulator's mail catcher (scripts/start.ts starts it
 * on the emulator's port + LOCAL_SMTP_PORT_OFFSET): set once, on the first start; after that the
 * settings are an admin's, except that the catcher's address moves along with the emulator.
 */
export async function ensureLocalMailSettings(environmentId: string, emulatorUrl: string) {
  const url = new URL(emulatorUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = localMailCatcherPort(emulatorUrl);
  const existing = await db.mailSettings.findUnique({
    where: { environmentId },
    select: { tlsMode: true, host: true, port: true },
  });
  if (!existing) {
    await db.mailSettings.create({
      data: {
        environmentId,
        host,
        port,
        tlsMode: "none",
        fromAddress: "no-reply@portal.local",
        fromName: "Local emulator",
        reminderOffsets: [],
      },
    });
    return;
  }
  // Only an unencrypted loopback catcher follows the emulator; anything else an admin chose stays.
  if (existing.tlsMode === "none" && existing.host === host && existing.port !== port)
    await db.mailSettings.update({ where: { environmentId }, data: { port } });
}
