"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createChangeRequestsAction, refreshChangeRequestsAction } from "../change-actions";

/**
 * One button posting one change-request action for the system; its outcome shows above it. The form
 * stays mounted when there is nothing left to do (`show` false), so the outcome is still read out.
 */
export function ChangeRequestButton({
  systemId,
  kind,
  label,
  show,
}: {
  systemId: string;
  kind: "create" | "refresh";
  label: string;
  show: boolean;
}) {
  const [state, formAction, pending] = useActionState(
    kind === "create" ? createChangeRequestsAction : refreshChangeRequestsAction,
    {},
  );
  return (
    <form action={formAction} className="mb-3">
      <FormMessage state={state} />
      <input type="hidden" name="systemId" value={systemId} />
      {show && (
        <Button type="submit" variant={kind === "create" ? "primary" : "secondary"} disabled={pending}>
          {label}
        </Button>
      )}
    </form>
  );
}
