import { afterAll, beforeAll, expect, it } from "vitest";
import { MailCatcher } from "@/emulator/mail/catcher";
import type { PortalRef } from "../flow-suite";
import { ORG_BLOCKS, orgPool } from "../org-numbers";
import { decideRequest } from "../emulator-controls";
import { seedCustomer, seedSystem, type SeededCustomer, type SeededSystem } from "../seed";
import { until } from "../until";

const mail = async () => ({
  ...(await import("@/lib/mail/invite")),
  ...(await import("@/lib/mail/deliver")),
  ...(await import("@/lib/mail/reminders.job")),
  ...(await import("@/lib/mail/contact")),
  ...(await import("@/lib/mail/stop")),
  ...(await import("@/lib/mail/forward")),
  ...(await import("@/lib/mail/settings")),
  ...(await import("@/lib/mail/templates")),
});
type M = Awaited<ReturnType<typeof mail>>;

const orgs = orgPool(ORG_BLOCKS.mail);
// Compressed retries: an outage costs a few hundred milliseconds, not minutes.
const FAST = [150, 150, 150, 150, 150, 150, 150, 150, 150, 150];

export function mailTests(ref: PortalRef) {
  let m: M;
  let catcher: MailCatcher;
  let smtpPort: number;
  let system: SeededSystem;
  const admin = () => ref().scope(ref().actors.admin);
  const operator = () => ref().scope(ref().actors.operator);
  const ours = async (customerIds: string[]) =>
    (await ref().db.mailMessage.findMany({ where: { customerId: { in: customerIds } }, select: { id: true } })).map(
      (r) => r.id,
    );
  const caught = (to: string) => catcher.messages.filter((x) => x.to.includes(to));
  const customerWithContact = async (email: string, locale: "nb" | "en" = "nb"): Promise<SeededCustomer> => {
    const c = await seedCustomer(ref(), { orgNo: orgs.one() });
    await m.saveContact(operator(), { customerId: c.id, email, locale });
    return c;
  };
  const settingsInput = (offsets: string) => ({
    host: "127.0.0.1",
    port: smtpPort,
    tlsMode: "none" as const,
    fromAddress: "portal@vendor.test",
    fromName: "Vendor",
    reminderOffsets: offsets,
    clearPassword: false,
  });

  beforeAll(async () => {
    m = await mail();
    catcher = new MailCatcher();
    smtpPort = await catcher.listen(0, "127.0.0.1");
    system = await seedSystem(ref(), { prefix: "mail" });
    await m.saveMailSettings(admin(), settingsInput("1m"));
  });
  afterAll(async () => {
    await catcher.close();
  });

  it("renders every kind in bokmål and English, each with a plain-text part", () => {
    const brand = { vendorName: "Regnskap AS", systemName: "Lønn" };
    for (const kind of ["invitation", "reminder", "confirmation", "forward", "test"] as const)
      for (const locale of ["nb", "en"] as const) {
        const r = m.renderMail(kind, locale, {
          brand,
          link: "https://p.test/onboard/l/x",
          stopLink: "https://p.test/mail/stop/y",
        });
        expect(r.subject.length).toBeGreaterThan(3);
        expect(r.html).toContain(`lang="${locale}"`);
        expect(r.text).not.toContain("<");
      }
    expect(m.renderMail("invitation", "nb", { brand, link: "https://p.test/l" }).text).toContain("Tilgangsstyrer");
    expect(m.renderMail("invitation", "en", { brand, link: "https://p.test/l" }).text).toContain("Access manager");
  });

  it("an SMTP outage only delays mail: it waits, and is sent exactly once when SMTP is back", async () => {
    const c = await customerWithContact("outage@customer.test");
    await catcher.close();
    const report = await m.sendInvitations(operator(), { systemId: system.id, customerIds: [c.id] });
    expect(report.queued).toEqual([c.orgNo]);
    const ids = await ours([c.id]);
    await m.deliverDueMail({ ids, schedule: FAST });
    const waiting = await ref().db.mailMessage.findFirstOrThrow({ where: { id: { in: ids } } });
    expect(waiting.status).toBe("pending");
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toBeTruthy();
    catcher = new MailCatcher();
    await catcher.listen(smtpPort, "127.0.0.1");
    await until(async () => {
      await m.deliverDueMail({ ids, schedule: FAST });
      return (await ref().db.mailMessage.findFirstOrThrow({ where: { id: { in: ids } } })).status === "sent";
    }, "the invitation to be sent");
    await m.deliverDueMail({ ids, schedule: FAST });
    const got = caught("outage@customer.test");
    expect(got).toHaveLength(1);
    expect(got[0]?.html).toContain("/onboard/l/");
    expect(got[0]?.attachments.some((a) => a.cid === "qr" && a.contentType === "image/png")).toBe(true);
    expect(got[0]?.text).toContain("/onboard/l/");
  });

  it("sends a reminder at its offset once, and stops once the customer is connected", async () => {
    const c = await customerWithContact("remind@customer.test", "en");
    await m.sendInvitations(operator(), { systemId: system.id, customerIds: [c.id] });
    // Two minutes ago: the one-minute reminder is due.
    await ref().db.mailInvitation.updateMany({
      where: { customerId: c.id },
      data: { sentAt: new Date(Date.now() - 120_000) },
    });
    const env = [ref().environmentId];
    await m.queueDueReminders({ environmentIds: env });
    await m.queueDueReminders({ environmentIds: env });
    await m.deliverDueMail({ ids: await ours([c.id]), schedule: FAST });
    const reminders = caught("remind@customer.test").filter((x) => x.subject.startsWith("Reminder"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    // The customer approves; a new offset comes due, but the next run sends the confirmation instead.
    const created = await ref().m.requests.createRequest(operator(), {
      systemId: system.id,
      orgNo: c.orgNo,
      kind: "standard",
    });
    const row = await ref().db.systemUserRequest.findUniqueOrThrow({ where: { id: created.id } });
    await decideRequest(ref(), row.altinnRequestId, "approve", "standard");
    await ref().m.requests.refreshRequest(operator(), row.id);
    await m.saveMailSettings(admin(), settingsInput("1m, 2m"));
    await ref().db.mailInvitation.updateMany({
      where: { customerId: c.id },
      data: { sentAt: new Date(Date.now() - 600_000) },
    });
    await m.queueDueReminders({ environmentIds: env });
    await m.deliverDueMail({ ids: await ours([c.id]), schedule: FAST });
    const all = caught("remind@customer.test");
    expect(all.filter((x) => x.subject.startsWith("Reminder"))).toHaveLength(1);
    expect(all.filter((x) => x.subject.endsWith("is connected"))).toHaveLength(1);
    await m.saveMailSettings(admin(), settingsInput("1m"));
  });

  it("sends nothing to a connected customer, whether connected before queuing or before sending", async () => {
    const before = await customerWithContact("connected@customer.test");
    const r1 = await ref().m.requests.createRequest(operator(), {
      systemId: system.id,
      orgNo: before.orgNo,
      kind: "standard",
    });
    const row1 = await ref().db.systemUserRequest.findUniqueOrThrow({ where: { id: r1.id } });
    await decideRequest(ref(), row1.altinnRequestId, "approve", "standard");
    await ref().m.requests.refreshRequest(operator(), row1.id);
    const report = await m.sendInvitations(operator(), { systemId: system.id, customerIds: [before.id] });
    expect(report.connected).toEqual([before.orgNo]);

    const late = await customerWithContact("late@customer.test");
    await m.sendInvitations(operator(), { systemId: system.id, customerIds: [late.id] });
    const r2 = await ref().m.requests.createRequest(operator(), {
      systemId: system.id,
      orgNo: late.orgNo,
      kind: "standard",
    });
    const row2 = await ref().db.systemUserRequest.findUniqueOrThrow({ where: { id: r2.id } });
    await decideRequest(ref(), row2.altinnRequestId, "approve", "standard");
    await ref().m.requests.refreshRequest(operator(), row2.id);
    const ids = await ours([late.id]);
    await m.deliverDueMail({ ids, schedule: FAST });
    const rows = await ref().db.mailMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.map((r) => r.status)).toEqual(["cancelled"]);
    expect(caught("late@customer.test")).toHaveLength(0);
    expect(caught("connected@customer.test")).toHaveLength(0);
  });

  it("the stop link in a reminder stops the reminders; a forged one does nothing", async () => {
    const c = await customerWithContact("stop@customer.test");
    await m.sendInvitations(operator(), { systemId: system.id, customerIds: [c.id] });
    await ref().db.mailInvitation.updateMany({
      where: { customerId: c.id },
      data: { sentAt: new Date(Date.now() - 120_000) },
    });
    await m.queueDueReminders({ environmentIds: [ref().environmentId] });
    await m.deliverDueMail({ ids: await ours([c.id]), schedule: FAST });
    const reminder = caught("stop@customer.test").find((x) => x.subject.startsWith("Påminnelse"));
    const link = /\/mail\/stop\/([^\s"<]+)/.exec(reminder?.text ?? "")?.[1];
    expect(link).toBeTruthy();
    expect(await m.stopRemindersByToken(`${c.id}.forged`)).toBe(false);
    expect(await m.stopRemindersByToken(link ?? "")).toBe(true);
    const contact = await ref().db.customerMailContact.findUniqueOrThrow({ where: { customerId: c.id } });
    expect(contact.remindersStoppedAt).not.toBeNull();
    await m.saveMailSettings(admin(), settingsInput("1m, 2m"));
    await ref().db.mailInvitation.updateMany({
      where: { customerId: c.id },
      data: { sentAt: new Date(Date.now() - 600_000) },
    });
    const added = await m.queueDueReminders({ environmentIds: [ref().environmentId] });
    expect(await ref().db.mailMessage.count({ where: { id: { in: added }, customerId: c.id } })).toBe(0);
    await m.saveMailSettings(admin(), settingsInput("1m"));
  });

  it("forwards the customer's own link to one address, a few times per link at most", async () => {
    const c = await customerWithContact("fwd@customer.test");
    await m.sendInvitations(operator(), { systemId: system.id, customerIds: [c.id] });
    const inv = await ref().db.mailInvitation.findFirstOrThrow({ where: { customerId: c.id } });
    const token = inv.linkUrl.split("/onboard/l/")[1] ?? "";
    expect(await m.forwardLink("nonsense", { email: "boss@customer.test", locale: "nb" })).toBe("invalid");
    expect(await m.forwardLink(token, { email: "not an address", locale: "nb" })).toBe("invalid");
    const outcomes = [];
    for (let i = 0; i < 4; i++)
      outcomes.push(await m.forwardLink(token, { email: "boss@customer.test", locale: "en" }));
    expect(outcomes).toEqual(["sent", "sent", "sent", "limited"]);
    await m.deliverDueMail({ ids: await ours([c.id]), schedule: FAST });
    const got = caught("boss@customer.test");
    expect(got).toHaveLength(3);
    expect(got[0]?.text).toContain(inv.linkUrl);
    expect(got[0]?.text).toContain("Access manager");
  });

  it("keeps the SMTP password sealed and audits settings without it", async () => {
    await m.saveMailSettings(admin(), { ...settingsInput("1m"), username: "u", password: "s3cret-pass" });
    const row = await ref().db.mailSettings.findUniqueOrThrow({ where: { environmentId: ref().environmentId } });
    expect(row.passwordEnc).toBeTruthy();
    expect(row.passwordEnc).not.toContain("s3cret-pass");
    expect((await m.transportSettings(ref().environmentId))?.password).toBe("s3cret-pass");
    const audit = await ref().db.auditEvent.findFirstOrThrow({
      where: { action: "mail_settings.update" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.stringify(audit.detail)).not.toContain("s3cret-pass");
    await m.saveMailSettings(admin(), { ...settingsInput("1m"), clearPassword: true });
    await expect(m.saveMailSettings(operator(), settingsInput("1m"))).rejects.toThrow();
  });
}
