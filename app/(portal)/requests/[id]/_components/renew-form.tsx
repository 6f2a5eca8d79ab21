"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { renewRequestAction } from "../../actions";

export function RenewForm({ id }: { id: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(renewRequestAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <p className="mb-2 text-sm">{t("renew.intro")}</p>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("renew.button")}
      </Button>
    </form>
  );
}
