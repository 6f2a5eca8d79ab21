"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { sendInvitationsAction } from "../actions";

/**
 * A second submit button inside the customers page's selection form: the same ticked customers and
 * system, sent to "send invitation" instead of "create requests".
 */
export function InviteSelectedButton() {
  const t = useT();
  const [state, action, pending] = useActionState(sendInvitationsAction, {});
  return (
    <>
      <Button type="submit" variant="secondary" formAction={action} disabled={pending}>
        {t("mail.invite.bulk")}
      </Button>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </>
  );
}
