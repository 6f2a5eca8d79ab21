"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { reonboardAction, resolveFindingAction, runReconciliationAction } from "../actions";

type Choice = { how: "fix" | "adopt" | "ignore"; label: string };

/** The fix buttons of one finding; each button names its choice, so one form serves them all. */
export function FindingFix({ id, choices, context }: { id: string; choices: Choice[]; context: string }) {
  const [state, formAction, pending] = useActionState(resolveFindingAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <div className="flex flex-wrap gap-2">
        {choices.map((c, i) => (
          <Button
            key={c.how}
            type="submit"
            name="how"
            value={c.how}
            disabled={pending}
            variant={i === 0 ? "primary" : "secondary"}
            aria-label={`${c.label}: ${context}`}
          >
            {c.label}
          </Button>
        ))}
      </div>
    </form>
  );
}

export function ReonboardButton({ id, context }: { id: string; context: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(reonboardAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`${t("recon.reonboard")}: ${context}`}>
        {t("recon.reonboard")}
      </Button>
    </form>
  );
}

export function RunNowButton() {
  const t = useT();
  const [state, formAction, pending] = useActionState(runReconciliationAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {t("recon.runNow")}
      </Button>
    </form>
  );
}
