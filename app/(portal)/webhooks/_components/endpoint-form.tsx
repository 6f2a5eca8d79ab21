"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FieldErrors, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SUBSCRIBABLE_EVENT_TYPES } from "@/lib/webhooks/schema";
import { createEndpointAction, updateEndpointAction } from "../actions";

type Existing = { id: string; url: string; description: string; events: string[] };

/** One form for add and edit: URL, description and the event types (none ticked: all of them). */
export function EndpointForm({ existing }: { existing?: Existing }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(existing ? updateEndpointAction : createEndpointAction, {});
  const v = state.values;
  const ticked = new Set(v ? (v.events ?? "").split("\n").filter(Boolean) : (existing?.events ?? []));
  // A new key per answer remounts the fields with what was sent (React resets forms after an action).
  return (
    <form key={JSON.stringify(v)} action={formAction} noValidate>
      <FormMessage state={state} />
      {existing && <input type="hidden" name="id" value={existing.id} />}
      <TextField
        name="url"
        type="url"
        label={t("webhooks.url")}
        hint={t("webhooks.urlHint")}
        autoComplete="off"
        defaultValue={v?.url ?? existing?.url}
        errors={state.errors?.url}
      />
      <TextField
        name="description"
        label={t("webhooks.description")}
        autoComplete="off"
        defaultValue={v?.description ?? existing?.description}
        errors={state.errors?.description}
      />
      <fieldset className="mb-4" aria-describedby="events-hint events-error">
        <legend className="text-sm font-medium">{t("webhooks.events")}</legend>
        <p id="events-hint" className="mb-2 text-xs text-slate-700">
          {t("webhooks.eventsHint")}
        </p>
        <ul className="grid gap-1 sm:grid-cols-2">
          {SUBSCRIBABLE_EVENT_TYPES.map((type) => (
            <li key={type}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="events" value={type} defaultChecked={ticked.has(type)} className="mt-1" />
                <span>
                  <span className="font-mono">{type}</span>
                  <span className="block text-xs text-slate-700">{t(`webhooks.event.${type}`)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <FieldErrors name="events" errors={state.errors?.events} />
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t(existing ? "webhooks.save" : "webhooks.create")}
      </Button>
    </form>
  );
}
