"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage } from "@/components/ui/form-message";
import { createOnboardingLinkAction } from "../../actions";

/** Creates (or regenerates) the customer's signed onboarding link; the link is shown once, here. */
export function LinkForm({ id }: { id: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(createOnboardingLinkAction, {});
  const url = state.ok ? state.result?.url : undefined;
  return (
    <form action={formAction} className="mt-6">
      <FormMessage state={state} />
      {url && (
        <p className="mb-4 flex flex-wrap items-center gap-2">
          <a
            href={url}
            aria-label={t("ob.link.label")}
            className="break-all font-mono text-sm text-brand-700 underline"
          >
            {url}
          </a>
          <CopyButton text={url} />
        </p>
      )}
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("ob.link.create")}
      </Button>
    </form>
  );
}
