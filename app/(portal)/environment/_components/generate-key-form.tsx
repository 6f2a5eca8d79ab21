"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { generateKeyAction } from "../actions";

export function GenerateKeyForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState(generateKeyAction, {});
  return (
    <form action={formAction} className="mb-4">
      <FormMessage state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          {t("keys.bits")}
          <select name="bits" defaultValue="2048" className="ml-2 rounded-md border border-slate-400 px-2 py-2">
            <option value="2048">RSA 2048</option>
            <option value="3072">RSA 3072</option>
          </select>
        </label>
        <Button type="submit" disabled={pending}>
          {t("keys.generate")}
        </Button>
      </div>
    </form>
  );
}
