"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { generateKeyAction } from "../actions";

export function GenerateKeyForm({ environmentId }: { environmentId: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(generateKeyAction, {});
  return (
    <form action={formAction} className="mb-4">
      <FormMessage state={state} />
      <input type="hidden" name="environmentId" value={environmentId} />
      <Button type="submit" disabled={pending}>{t("keys.generate")}</Button>
    </form>
  );
}
