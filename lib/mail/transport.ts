import "server-only";
import nodemailer from "nodemailer";
import QRCode from "qrcode";
import type { transportSettings } from "@/lib/mail/settings";

type Settings = NonNullable<Awaited<ReturnType<typeof transportSettings>>>;
export type OutgoingMail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  qrLink?: string | null;
  stopLink?: string | null;
};

// Short timeouts: an SMTP server that does not answer is an outage, and the outbox retries later.
const TIMEOUT_MS = 10_000;

export type SmtpTransport = ReturnType<typeof openSmtp>;

/**
 * A nodemailer transport for these settings. `pooled` keeps its connections open for the messages that
 * follow (the outbox's run: one handshake and login per environment, not one per message); the caller closes it.
 */
export function openSmtp(s: Settings, pooled = false) {
  return nodemailer.createTransport({
    ...(pooled ? { pool: true as const, maxConnections: 5 } : {}),
    host: s.host,
    port: s.port,
    secure: s.tlsMode === "tls",
    requireTLS: s.tlsMode === "starttls",
    ignoreTLS: s.tlsMode === "none",
    auth: s.username ? { user: s.username, pass: s.password ?? "" } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
}

/**
 * Sends one message; returns the server-assigned message id. Throws on any failure. Through `through`
 * (an open transport of the same settings) when given, else on a connection of its own.
 */
export async function sendWithSmtp(s: Settings, mail: OutgoingMail, through?: SmtpTransport): Promise<string> {
  const transport = through ?? openSmtp(s);
  try {
    const attachments = mail.qrLink
      ? [{ filename: "qr.png", cid: "qr", content: await QRCode.toBuffer(mail.qrLink, { margin: 1, width: 320 }) }]
      : [];
    const info = await transport.sendMail({
      from: { name: s.fromName, address: s.fromAddress },
      replyTo: s.replyTo ?? undefined,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      attachments,
      // RFC 8058 one-click unsubscribe: mail clients show "unsubscribe" and POST to it.
      list: mail.stopLink ? { unsubscribe: { url: `${mail.stopLink}/now`, comment: "Stop reminders" } } : undefined,
      headers: mail.stopLink ? { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined,
    });
    return String(info.messageId);
  } finally {
    if (!through) transport.close();
  }
}
