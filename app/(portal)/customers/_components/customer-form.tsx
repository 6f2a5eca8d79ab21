"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { TextArea, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createCustomerAction, updateCustomerAction } from "../actions";

type Existing = { id: string; orgNo: string; name: string; notes: string; tags: string[] };

/** One form for create and edit; the org number is fixed once created (it is the customer's identity in Altinn). */
export function CustomerForm({ existing }: { existing?: Existing }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(existing ? updateCustomerAction : createCustomerAction, {});
  const v = state.values ?? {};
  // React resets a form after its action and may take the previous defaultValue (empty on the first
  // try); a new key per answer remounts the fields with what the user sent.
  return (
    <form key={JSON.stringify(v)} action={formAction} noValidate>
      <FormMessage state={state} />
      {existing ? (
        <input type="hidden" name="id" value={existing.id} />
      ) : (
        <TextField
          name="orgNo"
          label={t("customers.orgNo")}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={v.orgNo}
          errors={state.errors?.orgNo}
        />
      )}
      <TextField
        name="name"
        label={t("customers.name")}
        autoComplete="organization"
        defaultValue={v.name ?? existing?.name}
        errors={state.errors?.name}
      />
      <TextField
        name="tags"
        label={t("customers.tags")}
        autoComplete="off"
        defaultValue={v.tags ?? existing?.tags.join(", ")}
        errors={state.errors?.tags}
      />
      <TextArea
        name="notes"
        label={t("customers.notes")}
        rows={3}
        defaultValue={v.notes ?? existing?.notes}
        errors={state.errors?.notes}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t(existing ? "customers.save" : "customers.create")}
      </Button>
    </form>
  );
}
