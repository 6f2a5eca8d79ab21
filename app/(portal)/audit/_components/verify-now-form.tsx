"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { verifyAuditAction } from "../actions";

/** Runs the nightly full check now; the outcome (or "already running") is the form's message. */
export function VerifyNowForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState(verifyAuditAction, {});
  return (
    <form action={formAction} aria-busy={pending}>
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("audit.integrity.verifying") : t("audit.integrity.verifyNow")}
      </Button>
    </form>
  );
}
