"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { SystemSelect, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { saveContactAction, sendInvitationsAction, sendTestMailAction, stopRemindersAction } from "../actions";

export function TestMailForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState(sendTestMailAction, {});
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <TextField
        name="to"
        type="email"
        label={t("mail.test.to")}
        defaultValue={state.values?.to}
        errors={state.errors?.to}
      />
      <Button type="submit" disabled={pending}>
        {t("mail.test.send")}
      </Button>
    </form>
  );
}

/** The customer's contact address and language (customer page). */
export function ContactForm({ customerId, email, locale }: { customerId: string; email: string; locale: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(saveContactAction, {});
  const v = state.values;
  return (
    <form key={JSON.stringify(v)} action={formAction} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="customerId" value={customerId} />
      <TextField
        name="email"
        type="email"
        label={t("mail.contact.email")}
        defaultValue={v?.email ?? email}
        errors={state.errors?.email}
      />
      <div className="mb-4">
        <label htmlFor="locale" className="block text-sm font-medium">
          {t("mail.contact.locale")}
        </label>
        <select
          id="locale"
          name="locale"
          defaultValue={v?.locale ?? locale}
          className="mt-1 block rounded-md border border-slate-500 bg-white px-3 py-2 text-sm"
        >
          <option value="nb">{t("mail.locale.nb")}</option>
          <option value="en">{t("mail.locale.en")}</option>
        </select>
      </div>
      <Button type="submit" disabled={pending}>
        {t("mail.contact.save")}
      </Button>
    </form>
  );
}

/** "Send invitation" for one or more customers (customer page, bulk result): pick the system. */
export function InviteForm({
  customerIds,
  systems,
  label,
}: {
  customerIds: string[];
  systems: { id: string; label: string }[];
  label?: string;
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(sendInvitationsAction, {});
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      {customerIds.map((id) => (
        <input key={id} type="hidden" name="customerIds" value={id} />
      ))}
      <div className="mb-4">
        <SystemSelect id="invite-system" label={t("mail.invite.system")} systems={systems} />
      </div>
      <Button type="submit" disabled={pending}>
        {label ?? t("mail.invite.send")}
      </Button>
    </form>
  );
}

export function StopRemindersForm({ customerId }: { customerId: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(stopRemindersAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="customerId" value={customerId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("mail.stop.button")}
      </Button>
    </form>
  );
}
