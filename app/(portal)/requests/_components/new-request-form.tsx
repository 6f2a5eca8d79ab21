"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { SystemSelect, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createRequestAction } from "../actions";
import { KindSelect } from "./kind-select";

/** With `orgNo` (on a customer's page) the customer is fixed and only the system is chosen. */
export function NewRequestForm({ systems, orgNo }: { systems: { id: string; label: string }[]; orgNo?: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(createRequestAction, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <div className="mb-4">
          <SystemSelect id="systemId" label={t("requests.system")} systems={systems} defaultValue={v.systemId} wide />
        </div>
        {orgNo ? (
          <input type="hidden" name="orgNo" value={orgNo} />
        ) : (
          <TextField
            name="orgNo"
            label={t("requests.orgNo")}
            inputMode="numeric"
            autoComplete="off"
            defaultValue={v.orgNo}
            errors={state.errors?.orgNo}
          />
        )}
        <KindSelect id="kind" defaultValue={v.kind} />
      </div>
      {state.errors?.ack && (
        <div className="mb-4">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" name="ack" aria-describedby="ack-error" />
            {t("preflight.ackLabel")}
          </label>
          <p id="ack-error" aria-live="polite" className="mt-1 text-sm text-amber-900">
            {t("preflight.ack")}
          </p>
        </div>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("requests.submit")}
      </Button>
    </form>
  );
}
