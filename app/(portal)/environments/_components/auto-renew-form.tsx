"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { setAutoRenewAction } from "../actions";

export function AutoRenewForm({ environmentId, on }: { environmentId: string; on: boolean }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(setAutoRenewAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={environmentId} />
      <div className="flex items-start gap-2">
        <input
          id="autoRenewExpired"
          name="autoRenewExpired"
          type="checkbox"
          defaultChecked={on}
          className="mt-1"
          aria-describedby="autoRenewExpired-hint"
        />
        <label htmlFor="autoRenewExpired" className="font-medium">
          {t("envs.autoRenew.label")}
        </label>
      </div>
      <p id="autoRenewExpired-hint" className="mb-3 mt-1 text-sm text-gray-700">
        {t("envs.autoRenew.hint")}
      </p>
      <Button type="submit" disabled={pending}>
        {t("envs.autoRenew.save")}
      </Button>
    </form>
  );
}
