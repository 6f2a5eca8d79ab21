import { can } from "@/lib/auth/permissions";
import type { Scope } from "@/lib/environments/types";
import { getT } from "@/lib/i18n/server";
import { bulkInviteTargets } from "@/lib/mail/queries";
import { Card } from "@/components/ui/page-header";
import { InviteForm } from "./simple-forms";

/** On a bulk job's result page: invite every customer the job created a request for. */
export async function BulkInvite({
  scope,
  jobId,
}: {
  scope: Scope & { actor: NonNullable<Scope["actor"]> };
  jobId: string;
}) {
  if (!can(scope.actor.role, "customers.manage")) return null;
  const [{ t }, targets] = await Promise.all([getT(), bulkInviteTargets(scope, jobId)]);
  if (targets.customerIds.length === 0) return null;
  return (
    <Card title={t("mail.invite.title")}>
      <InviteForm
        customerIds={targets.customerIds}
        systems={[{ id: targets.system.id, label: targets.system.systemId }]}
        label={t("mail.invite.bulkResult")}
      />
    </Card>
  );
}
