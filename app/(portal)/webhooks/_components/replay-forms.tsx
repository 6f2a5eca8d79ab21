"use client";
import { useActionState, useState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { replayDeliveryAction, replaySinceAction } from "../actions";

/** "Everything since" a time the person picks, in their own time zone; the form sends the instant in ISO form. */
export function ReplaySinceForm({ endpointId }: { endpointId: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(replaySinceAction, {});
  const [local, setLocal] = useState("");
  const iso = local && !Number.isNaN(new Date(local).getTime()) ? new Date(local).toISOString() : "";
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={endpointId} />
      <input type="hidden" name="since" value={iso} />
      <label htmlFor="since-local" className="block text-sm font-medium">
        {t("webhooks.replaySince.at")}
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <input
          id="since-local"
          type="datetime-local"
          value={local}
          onChange={(e) => setLocal(e.target.value)}
          aria-describedby="since-hint since-error"
          className="rounded-md border border-slate-500 bg-white px-3 py-2 text-sm"
        />
        <Button type="submit" disabled={pending}>
          {t("webhooks.replaySince.submit")}
        </Button>
      </div>
      <p id="since-hint" className="mt-1 text-xs text-slate-700">
        {t("webhooks.replaySince.hint")}
      </p>
      <FieldErrors name="since" errors={state.errors?.since} />
    </form>
  );
}

export function ReplayDeliveryButton({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(replayDeliveryAction, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={endpointId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">
        {t("webhooks.log.replay")}
      </Button>
      {state.message && <FormMessage state={state} />}
    </form>
  );
}
