"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { keyStepAction } from "../actions";

export type KeyStep = "register" | "verify" | "activate" | "retire";

/** The rotation steps a key allows in its state; each button posts one step, the outcome shows above. */
export function KeyStepForm({
  keyId,
  kid,
  steps,
  disabled = [],
}: {
  keyId: string;
  kid: string;
  steps: KeyStep[];
  disabled?: KeyStep[];
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(keyStepAction, {});
  // The message outlives the buttons: after "activate" or "retire" the key has no steps left.
  if (steps.length === 0)
    return state.message ? (
      <div className="mt-3">
        <FormMessage state={state} />
      </div>
    ) : null;
  return (
    <form action={formAction} className="mt-3">
      <FormMessage state={state} />
      <input type="hidden" name="keyId" value={keyId} />
      <div className="flex flex-wrap gap-2">
        {steps.map((step) => (
          <Button
            key={step}
            type="submit"
            name="step"
            value={step}
            variant={step === "retire" ? "secondary" : "primary"}
            disabled={pending || disabled.includes(step)}
            aria-label={`${t(`keys.step.${step}`)} ${kid}`}
          >
            {t(`keys.step.${step}`)}
          </Button>
        ))}
      </div>
    </form>
  );
}
