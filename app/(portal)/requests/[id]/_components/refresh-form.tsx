"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { refreshRequestAction } from "../../actions";

export function RefreshForm({ id }: { id: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(refreshRequestAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("requests.refresh")}
      </Button>
    </form>
  );
}
