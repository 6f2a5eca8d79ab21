"use client";
import { useActionState } from "react";
import { useLocale, useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { verifyAuditAction } from "../actions";

/** Runs the nightly full check now; the outcome (or "already running") is the form's message. */
export function VerifyNowForm() {
  const t = useT();
  const locale = useLocale();
  const [state, formAction, pending] = useActionState(verifyAuditAction, {});
  const broken = state.ok && state.result?.verdict === "broken";
  return (
    <form action={formAction} aria-busy={pending}>
      {broken && state.message ? (
        <div role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {state.message[locale]}
        </div>
      ) : (
        <FormMessage state={state} />
      )}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("audit.integrity.verifying") : t("audit.integrity.verifyNow")}
      </Button>
    </form>
  );
}
