// The local mail catcher: an SMTP server (smtp-server, MIT-0) that accepts every message, parses it
// (mailparser, MIT) and keeps the newest ones in memory for the pages at /mail and the JSON at
// /emulator/mail. It stands in for the vendor's real SMTP relay, as the rest of the emulator stands in
// for Altinn: the portal's "Local emulator" environment points its SMTP settings here.
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CaughtMail = {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** Attachments' content ids and types (the QR code travels as cid:qr). */
  attachments: { cid: string | null; contentType: string; size: number; dataBase64: string }[];
  headers: Record<string, string>;
};

const KEEP = 500;

export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  private server: SMTPServer | null = null;
  private seq = 0;

  /** Listens on `port` (0: any free one); returns the bound port. */
  async listen(port: number, host: string): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: the catcher is a local test double, never a relay.
      disabledCommands: ["STARTTLS"],
      secure: false,
      logger: false,
      onAuth: (_auth, _session, cb) => cb(null, { user: "local" }),
      onData: (stream, _session, cb) => {
        // keepCidLinks: the HTML as sent (cid:qr); the /mail page inlines the images itself.
        simpleParser(stream, { keepCidLinks: true })
          .then((parsed) => {
            this.keep(parsed);
            cb();
          })
          .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(port, host, () => {
        server.server.off("error", reject);
        resolve();
      });
    });
    return (server.server.address() as AddressInfo).port;
  }

  private keep(parsed: Awaited<ReturnType<typeof simpleParser>>): void {
    const addresses = (a: AddressObject | AddressObject[] | undefined) =>
      (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? "")).filter(Boolean);
    const headers: Record<string, string> = {};
    // The raw lines: mailparser turns some headers (List-*) into objects.
    for (const h of parsed.headerLines) headers[h.key] = h.line.slice(h.line.indexOf(":") + 1).trim();
    this.seq += 1;
    this.messages.unshift({
      id: String(this.seq),
      receivedAt: new Date().toISOString(),
      from: parsed.from?.text ?? "",
      to: addresses(parsed.to),
      subject: parsed.subject ?? "",
      text: parsed.text ?? "",
      html: typeof parsed.html === "string" ? parsed.html : null,
      attachments: parsed.attachments.map((a) => ({
        cid: a.cid ?? null,
        contentType: a.contentType,
        size: a.size,
        dataBase64: a.content.toString("base64"),
      })),
      headers,
    });
    this.messages.length = Math.min(this.messages.length, KEEP);
  }

  clear(): void {
    this.messages.length = 0;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
