"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { TLS_MODES } from "@/lib/mail/schema";
import { saveMailSettingsAction } from "../actions";

export type SettingsView = {
  host: string;
  port: number;
  tlsMode: string;
  username: string | null;
  fromAddress: string;
  fromName: string;
  replyTo: string | null;
  offsets: string;
  passwordSet: boolean;
};

/** SMTP and reminder settings of the current environment (admins). */
export function MailSettingsForm({ existing }: { existing: SettingsView | null }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(saveMailSettingsAction, {});
  const v = state.values;
  const val = (k: keyof SettingsView) => v?.[k] ?? String(existing?.[k] ?? "");
  return (
    <form key={JSON.stringify(v)} action={formAction} noValidate>
      <FormMessage state={state} />
      <div className="grid gap-x-4 sm:grid-cols-[1fr_8rem]">
        <TextField
          name="host"
          label={t("mail.host")}
          defaultValue={val("host")}
          errors={state.errors?.host}
          autoComplete="off"
        />
        <TextField
          name="port"
          label={t("mail.port")}
          inputMode="numeric"
          defaultValue={val("port") || "587"}
          errors={state.errors?.port}
        />
      </div>
      <div className="mb-4">
        <label htmlFor="tlsMode" className="block text-sm font-medium">
          {t("mail.tlsMode")}
        </label>
        <select
          id="tlsMode"
          name="tlsMode"
          defaultValue={val("tlsMode") || "starttls"}
          className="mt-1 block rounded-md border border-slate-500 bg-white px-3 py-2 text-sm"
        >
          {TLS_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`mail.tls.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        name="username"
        label={t("mail.username")}
        defaultValue={val("username")}
        errors={state.errors?.username}
        autoComplete="off"
      />
      <TextField
        name="password"
        type="password"
        label={t("mail.password")}
        hint={`${t("mail.passwordHint")}${existing?.passwordSet ? ` ${t("mail.passwordSet")}` : ""}`}
        autoComplete="new-password"
        errors={state.errors?.password}
      />
      {existing?.passwordSet && (
        <label className="mb-4 flex items-center gap-2 text-sm">
          <input type="checkbox" name="clearPassword" /> {t("mail.clearPassword")}
        </label>
      )}
      <TextField
        name="fromAddress"
        type="email"
        label={t("mail.fromAddress")}
        defaultValue={val("fromAddress")}
        errors={state.errors?.fromAddress}
      />
      <TextField
        name="fromName"
        label={t("mail.fromName")}
        defaultValue={val("fromName")}
        errors={state.errors?.fromName}
      />
      <TextField
        name="replyTo"
        type="email"
        label={t("mail.replyTo")}
        defaultValue={val("replyTo")}
        errors={state.errors?.replyTo}
      />
      <TextField
        name="reminderOffsets"
        label={t("mail.offsets")}
        hint={t("mail.offsetsHint")}
        defaultValue={v?.reminderOffsets ?? existing?.offsets ?? "3d, 10d, -7d"}
        errors={state.errors?.reminderOffsets}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("mail.save")}
      </Button>
    </form>
  );
}
