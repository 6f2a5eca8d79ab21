"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { setOpenOnboardingAction } from "../actions";

/** Turns the system's open onboarding page on or off (admins); the outcome is read out above the button. */
export function OpenOnboardingToggle({ id, open, label }: { id: string; open: boolean; label: string }) {
  const [state, formAction, pending] = useActionState(setOpenOnboardingAction, {});
  return (
    <form action={formAction} className="mt-4">
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="enabled" value={open ? "false" : "true"} />
      <Button type="submit" variant={open ? "secondary" : "primary"} disabled={pending}>
        {label}
      </Button>
    </form>
  );
}
