"use client";
import Link from "next/link";
import { useActionState, type ReactNode } from "react";
import { useLocale, useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FieldErrors, SystemSelect } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { selectionReportSchema } from "@/lib/customers/schema";
import { createSelectionAction } from "../actions";
import { KindSelect } from "../../requests/_components/kind-select";
import { InviteSelectedButton } from "../../mail/_components/invite-selected";

/**
 * Wraps the server-rendered customer table so its checkboxes (name="customerIds") post here, and
 * reports per customer: one failure does not hide the others.
 */
export function SelectionForm({
  systems,
  canCreate,
  children,
}: {
  systems: { id: string; label: string }[];
  canCreate: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const [state, formAction, pending] = useActionState(createSelectionAction, {});
  const parsed = selectionReportSchema.safeParse(JSON.parse(state.result?.report ?? "[]"));
  const report = parsed.success ? parsed.data : [];
  return (
    <form action={formAction} noValidate aria-label={t("customers.selection")}>
      {children}
      {canCreate && systems.length > 0 && (
        <fieldset className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4">
          <legend className="sr-only">{t("customers.selection")}</legend>
          <div>
            <SystemSelect id="selection-system" label={t("requests.system")} systems={systems} />
          </div>
          <KindSelect id="selection-kind" />
          <Button type="submit" disabled={pending}>
            {pending ? t("common.saving") : t("customers.selection.submit")}
          </Button>
          <InviteSelectedButton />
        </fieldset>
      )}
      <FieldErrors name="customerIds" errors={state.errors?.customerIds} />
      <FormMessage state={state} />
      {report.length > 0 && (
        <ul role="status" aria-live="polite" className="mt-3 space-y-1 text-sm">
          {report.map((r) => (
            <li key={r.orgNo} className={r.ok ? "text-green-900" : "text-red-800"}>
              {r.ok && r.requestId ? (
                <Link className="underline" href={`/requests/${r.requestId}`}>
                  {t(r.existed ? "customers.selection.existed" : "customers.selection.created", { orgNo: r.orgNo })}
                </Link>
              ) : (
                t("customers.selection.failed", { orgNo: r.orgNo, message: r.message?.[locale] ?? "" })
              )}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
