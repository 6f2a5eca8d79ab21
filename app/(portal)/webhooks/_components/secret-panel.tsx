"use client";
import { useActionState } from "react";
import { useLocale, useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage } from "@/components/ui/form-message";
import { dateLocale } from "@/lib/i18n";
import { revealSecretAction, rotateSecretAction } from "../actions";

function Secret({ label, value }: { label: string; value: string }) {
  return (
    <div className="mb-3">
      <p className="text-sm font-medium">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-slate-100 px-2 py-1 text-xs" aria-label={label}>
          {value}
        </code>
        <CopyButton text={value} />
      </div>
    </div>
  );
}

/** Reveal and rotate: the secret is shown only in answer to a click (and that is audited). */
export function SecretPanel({ endpointId }: { endpointId: string }) {
  const t = useT();
  const locale = useLocale();
  const [revealed, reveal, revealing] = useActionState(revealSecretAction, {});
  const [rotated, rotate, rotating] = useActionState(rotateSecretAction, {});
  const shown = rotated.result ?? revealed.result;
  const until = (iso: string) => new Date(iso).toLocaleString(dateLocale(locale));
  return (
    <div>
      <FormMessage state={revealed.message ? revealed : rotated} />
      {shown?.secret && <Secret label={t("webhooks.secret.current")} value={shown.secret} />}
      {revealed.result?.previousSecret && !rotated.result && (
        <Secret
          label={t("webhooks.secret.previous", { date: until(revealed.result.previousExpiresAt ?? "") })}
          value={revealed.result.previousSecret}
        />
      )}
      <div className="flex flex-wrap gap-2">
        <form action={reveal}>
          <input type="hidden" name="id" value={endpointId} />
          <Button type="submit" variant="secondary" disabled={revealing}>
            {t("webhooks.secret.reveal")}
          </Button>
        </form>
        <form action={rotate}>
          <input type="hidden" name="id" value={endpointId} />
          <Button type="submit" variant="secondary" disabled={rotating} aria-describedby="rotate-hint">
            {t("webhooks.secret.rotate")}
          </Button>
        </form>
      </div>
      <p id="rotate-hint" className="mt-2 text-xs text-slate-700">
        {t("webhooks.secret.rotateHint")}
      </p>
    </div>
  );
}
