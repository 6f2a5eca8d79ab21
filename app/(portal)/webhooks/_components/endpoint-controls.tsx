"use client";
import { useActionState, useState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { deleteEndpointAction, sendTestAction, setEnabledAction } from "../actions";

/** Send test event, enable/disable and delete (behind a second, explicit confirmation). */
export function EndpointControls({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const t = useT();
  const [tested, test, testing] = useActionState(sendTestAction, {});
  const [toggled, toggle, toggling] = useActionState(setEnabledAction, {});
  const [deleted, remove, deleting] = useActionState(deleteEndpointAction, {});
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-4">
      <form action={test}>
        <FormMessage state={tested} />
        <input type="hidden" name="id" value={endpointId} />
        <Button type="submit" disabled={testing || !enabled} aria-describedby="test-hint">
          {t("webhooks.test")}
        </Button>
        <p id="test-hint" className="mt-1 text-xs text-slate-700">
          {t("webhooks.testHint")}
        </p>
      </form>
      <form action={toggle}>
        <FormMessage state={toggled} />
        <input type="hidden" name="id" value={endpointId} />
        <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
        <Button type="submit" variant="secondary" disabled={toggling} aria-describedby="toggle-hint">
          {t(enabled ? "webhooks.disable" : "webhooks.enable")}
        </Button>
        <p id="toggle-hint" className="mt-1 text-xs text-slate-700">
          {t("webhooks.disableHint")}
        </p>
      </form>
      <form action={remove}>
        <FormMessage state={deleted} />
        <input type="hidden" name="id" value={endpointId} />
        {confirming ? (
          <Button type="submit" disabled={deleting} className="bg-red-700 hover:bg-red-800">
            {t("webhooks.deleteConfirm")}
          </Button>
        ) : (
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            {t("webhooks.delete")}
          </Button>
        )}
      </form>
    </div>
  );
}
