import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import type { Scope } from "@/lib/environments/types";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { getContact } from "@/lib/mail/contact";
import { listMail } from "@/lib/mail/queries";
import { Card } from "@/components/ui/page-header";
import { ContactForm, InviteForm, StopRemindersForm } from "./simple-forms";

type Props = {
  scope: Scope & { actor: NonNullable<Scope["actor"]> };
  customerId: string;
  systems: { id: string; label: string }[];
};

/** The customer page's e-mail card: contact, "send invitation", "stop reminders", and what was sent. */
export async function CustomerMail({ scope, customerId, systems }: Props) {
  const [{ t, locale }, contact, sent] = await Promise.all([
    getT(),
    getContact(scope, customerId),
    listMail(scope, { customerId, take: 10 }),
  ]);
  const manage = can(scope.actor.role, "customers.manage");
  return (
    <Card title={t("mail.contact.title")}>
      {manage && <ContactForm customerId={customerId} email={contact?.email ?? ""} locale={contact?.locale ?? "nb"} />}
      {!manage && <p>{contact?.email ?? "–"}</p>}
      {manage && contact && systems.length > 0 && (
        <div className="mt-6 border-t border-slate-200 pt-4">
          <h3 className="mb-2 font-semibold">{t("mail.invite.title")}</h3>
          <InviteForm customerIds={[customerId]} systems={systems} />
        </div>
      )}
      {manage && !contact && <p className="mt-4 text-sm text-slate-700">{t("mail.invite.noContact")}</p>}
      {contact?.remindersStoppedAt ? (
        <p className="mt-4 text-sm">
          {t("mail.stop.stopped", { date: contact.remindersStoppedAt.toLocaleString(dateLocale(locale)) })}
        </p>
      ) : (
        manage &&
        contact && (
          <div className="mt-4">
            <StopRemindersForm customerId={customerId} />
          </div>
        )
      )}
      {sent.length > 0 && (
        <ul className="mt-4 space-y-1 text-sm">
          {sent.map((m) => (
            <li key={m.id}>
              <Link className="text-brand-700 underline" href={`/mail/${m.id}`}>
                {t(`mail.kind.${m.kind}`)} · {m.createdAt.toLocaleString(dateLocale(locale))}
              </Link>{" "}
              · {t(`mail.status.${m.status}`)}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
