"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { contactSchema, formatOffsets, inviteSchema, mailSettingsSchema, testMailSchema } from "@/lib/mail/schema";
import { saveMailSettings } from "@/lib/mail/settings";
import { sendTestMail } from "@/lib/mail/test-mail";
import { saveContact, stopReminders } from "@/lib/mail/contact";
import { sendInvitations } from "@/lib/mail/invite";

const str = (f: FormData, k: string) => f.get(k) ?? "";

export const saveMailSettingsAction = action(
  "environments.manage",
  mailSettingsSchema,
  (f) => ({
    host: str(f, "host"),
    port: str(f, "port"),
    tlsMode: str(f, "tlsMode"),
    username: str(f, "username"),
    password: str(f, "password"),
    clearPassword: str(f, "clearPassword"),
    fromAddress: str(f, "fromAddress"),
    fromName: str(f, "fromName"),
    replyTo: str(f, "replyTo"),
    reminderOffsets: str(f, "reminderOffsets"),
  }),
  async (input, scope) => {
    // The data layer parses again (it owns the rules), so the offsets go back into their words.
    await saveMailSettings(scope, { ...input, reminderOffsets: formatOffsets(input.reminderOffsets) });
    revalidatePath("/mail");
    return { message: { nb: "Innstillingene er lagret.", en: "The settings are saved." } };
  },
);

export const sendTestMailAction = action(
  "environments.manage",
  testMailSchema,
  (f) => ({ to: str(f, "to") }),
  async (input, scope) => {
    await sendTestMail(scope, input);
    revalidatePath("/mail");
    return { message: { nb: "Test-e-posten er sendt.", en: "The test e-mail was sent." } };
  },
);

export const saveContactAction = action(
  "customers.manage",
  contactSchema,
  (f) => ({ customerId: str(f, "customerId"), email: str(f, "email"), locale: str(f, "locale") }),
  async (input, scope) => {
    await saveContact(scope, input);
    revalidatePath(`/customers/${input.customerId}`);
    return { message: { nb: "Kontakten er lagret.", en: "The contact is saved." } };
  },
);

export const stopRemindersAction = action(
  "customers.manage",
  z.object({ customerId: z.uuid() }),
  (f) => ({ customerId: str(f, "customerId") }),
  async ({ customerId }, scope) => {
    await stopReminders(scope, customerId);
    revalidatePath(`/customers/${customerId}`);
    return { message: { nb: "Påminnelsene er stoppet.", en: "Reminders are stopped." } };
  },
);

export const sendInvitationsAction = action(
  "customers.manage",
  inviteSchema,
  (f) => ({ systemId: str(f, "systemId"), customerIds: f.getAll("customerIds").filter((v) => typeof v === "string") }),
  async (input, scope) => {
    const r = await sendInvitations(scope, input);
    revalidatePath("/mail");
    const counts = { queued: r.queued.length, noContact: r.noContact.length, connected: r.connected.length };
    return {
      result: { queued: String(counts.queued) },
      message: {
        nb: `${counts.queued} lagt i kø · ${counts.noContact} uten kontaktadresse · ${counts.connected} allerede koblet til`,
        en: `${counts.queued} queued · ${counts.noContact} without a contact address · ${counts.connected} already connected`,
      },
    };
  },
);
