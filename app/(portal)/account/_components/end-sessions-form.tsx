"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { endAllSessionsAction } from "../actions";

export function EndSessionsForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState(endAllSessionsAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <p id="end-all-hint" className="mb-4 max-w-2xl text-sm">
        {t("account.endAllHint")}
      </p>
      <Button type="submit" variant="secondary" disabled={pending} aria-describedby="end-all-hint">
        {t("account.endAll")}
      </Button>
    </form>
  );
}
