"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { FormMessage } from "@/components/ui/form-message";
import { revokeApiKeyAction } from "../actions";

export function RevokeKeyForm({ id, name }: { id: string; name: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(revokeApiKeyAction, {});
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!confirm(t("apikeys.revokeConfirm", { name }))) e.preventDefault();
      }}
    >
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        aria-label={t("apikeys.revokeNamed", { name })}
        className="rounded-md border border-red-700 px-2 py-1 text-sm text-red-800 hover:bg-red-50"
      >
        {t("apikeys.revoke")}
      </button>
    </form>
  );
}
