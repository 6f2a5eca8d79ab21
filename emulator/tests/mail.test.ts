// The local mail catcher: what the portal sends over SMTP shows up as JSON and on the /mail pages.
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../server";

let emu: RunningEmulator;
let port = 0;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, smtpPort: 0 });
  port = emu.mail?.port ?? 0;
});
afterAll(async () => {
  await emu.close();
});

describe("mail catcher", () => {
  it("keeps a message sent over SMTP, with its parts, headers and cid attachment", async () => {
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, ignoreTLS: true });
    await transport.sendMail({
      from: "Vendor <portal@vendor.test>",
      to: "kunde@kunde.test",
      subject: "Godkjenn <tilgang>",
      text: "Lenke: http://x/onboard/l/abc",
      html: '<p>Lenke</p><script>alert(1)</script><img src="cid:qr" alt="QR">',
      attachments: [{ filename: "qr.png", cid: "qr", content: Buffer.from("png") }],
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    transport.close();
    const res = await fetch(`${emu.url}/emulator/mail?to=kunde@kunde.test`);
    const { messages } = (await res.json()) as {
      messages: { id: string; subject: string; text: string; html: string; headers: Record<string, string> }[];
    };
    expect(messages).toHaveLength(1);
    const m = messages[0];
    expect(m?.subject).toBe("Godkjenn <tilgang>");
    expect(m?.text).toContain("/onboard/l/abc");
    expect(m?.html).toContain('src="cid:qr"');
    expect(m?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    const list = await (await fetch(`${emu.url}/mail`)).text();
    expect(list).toContain("Godkjenn &lt;tilgang&gt;");
    const page = await (await fetch(`${emu.url}/mail/${m?.id}`)).text();
    // The HTML only inside a sandboxed srcdoc frame (escaped), with the cid image inlined.
    expect(page).toContain('sandbox=""');
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("data:image/png;base64,");
  });

  it("clears on DELETE, and is absent when no SMTP port was asked for", async () => {
    expect((await fetch(`${emu.url}/emulator/mail`, { method: "DELETE" })).status).toBe(204);
    const { messages } = (await (await fetch(`${emu.url}/emulator/mail`)).json()) as { messages: unknown[] };
    expect(messages).toHaveLength(0);
    const plain = await startEmulator({ port: 0 });
    expect(plain.mail).toBeNull();
    await plain.close();
  });
});
