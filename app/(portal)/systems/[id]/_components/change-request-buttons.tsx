"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createChangeRequestsAction, refreshChangeRequestsAction } from "../change-actions";

/** One button posting one change-request action for the system; its outcome shows above it. */
export function ChangeRequestButton({ systemId, kind, label }: { systemId: string; kind: "create" | "refresh"; label: string }) {
  const [state, formAction, pending] = useActionState(kind === "create" ? createChangeRequestsAction : refreshChangeRequestsAction, {});
  return (
    <form action={formAction} className="mb-3">
      <FormMessage state={state} />
      <input type="hidden" name="systemId" value={systemId} />
      <Button type="submit" variant={kind === "create" ? "primary" : "secondary"} disabled={pending}>{label}</Button>
    </form>
  );
}
