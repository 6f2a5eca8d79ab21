"use client";
import { useActionState } from "react";
import { z } from "zod";
import { useLocale, useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { testConnectionAction } from "../actions";

const checksSchema = z.array(
  z.object({ id: z.string(), ok: z.boolean(), detail: z.object({ nb: z.string(), en: z.string() }) }),
);

export function TestConnectionForm() {
  const t = useT();
  const locale = useLocale();
  const [state, formAction, pending] = useActionState(testConnectionAction, {});
  const parsed = checksSchema.safeParse(JSON.parse(state.result?.checks ?? "[]"));
  const checks = parsed.success ? parsed.data : [];
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("env.testing") : t("env.test")}
      </Button>
      {checks.length > 0 && (
        <ul aria-label={t("env.testResult")} className="mt-4 space-y-2" aria-live="polite">
          {checks.map((c) => (
            <li
              key={c.id}
              className={`rounded-md border p-2 text-sm ${c.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
            >
              <span className="font-semibold">
                {c.ok ? "✓" : "✗"} {t(`env.check.${c.id}`)}:
              </span>{" "}
              {c.detail[locale]}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
