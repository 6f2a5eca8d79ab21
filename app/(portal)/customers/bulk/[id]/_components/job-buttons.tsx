"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { cancelBulkAction, startBulkAction } from "../../actions";

/** Start (a draft) or cancel/discard (a draft or a running job): each its own small form. */
export function JobButton({
  jobId,
  kind,
  label,
  hint,
}: {
  jobId: string;
  kind: "start" | "cancel";
  label: string;
  hint?: string;
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(kind === "start" ? startBulkAction : cancelBulkAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="jobId" value={jobId} />
      {hint && <p className="mb-2 text-sm text-slate-700">{hint}</p>}
      <Button type="submit" variant={kind === "start" ? "primary" : "secondary"} disabled={pending}>
        {pending ? t("common.saving") : label}
      </Button>
    </form>
  );
}
