"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { renewRequestAction } from "../requests/actions";

/** One click: the request is renewed (lib/requests/renew.ts) and the new one opens, with its link to share. */
export function RenewButton({ id, customer }: { id: string; customer: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(renewRequestAction, {});
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-3 py-1">
        {pending ? t("common.saving") : t("dashboard.renew")}
        <span className="sr-only"> {customer}</span>
      </Button>
      {state.message && <FormMessage state={state} />}
    </form>
  );
}
