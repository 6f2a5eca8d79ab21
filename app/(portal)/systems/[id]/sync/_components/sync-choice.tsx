"use client";
import { useActionState } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { resolveDriftAction } from "../../actions";

export function SyncChoice({ id, portalMayWin }: { id: string; portalMayWin: boolean }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(resolveDriftAction, {});
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="winner" value="altinn" disabled={pending}>
          {t("sysreg.sync.altinnWins")}
        </Button>
        <Button type="submit" name="winner" value="portal" variant="secondary" disabled={pending || !portalMayWin}>
          {t("sysreg.sync.portalWins")}
        </Button>
      </div>
      {!portalMayWin && <p className="mt-2 text-sm text-slate-700">{t("sysreg.sync.portalBlocked")}</p>}
    </form>
  );
}
