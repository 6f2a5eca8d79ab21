import { can } from "@/lib/auth/permissions";
import type { Scope } from "@/lib/environments/types";
import { changePlan } from "@/lib/systems/change-requests";
import type { Translate } from "@/lib/i18n";
import { Card } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { ChangeRequestButton } from "./change-request-buttons";

type Lists = {
  requiredAccessPackages: string[];
  unwantedAccessPackages: string[];
  requiredRights: string[];
  unwantedRights: string[];
};

function Diff({ lists, t }: { lists: Lists; t: Translate }) {
  const short = (u: string) => u.split(":").pop();
  const parts = [
    ...lists.requiredAccessPackages.map((u) => `${t("changes.add")} ${short(u)}`),
    ...lists.requiredRights.map((r) => `${t("changes.add")} ${r}`),
    ...lists.unwantedAccessPackages.map((u) => `${t("changes.remove")} ${short(u)}`),
    ...lists.unwantedRights.map((r) => `${t("changes.remove")} ${r}`),
  ];
  return <span className="font-mono text-xs">{parts.join(", ") || "–"}</span>;
}

/** Existing system users and the change requests that bring them to the system's current access. */
export async function ChangeRequestsCard({ scope, systemId, t }: { scope: Scope; systemId: string; t: Translate }) {
  const plan = await changePlan(scope, systemId);
  if (plan.standard.length === 0 && plan.agents.length === 0) return null;
  const requests = plan.standard
    .flatMap((u) => u.changeRequests.map((c) => ({ ...c, orgNo: u.customer.orgNo, name: u.customer.name })))
    .reverse();
  return (
    <Card title={t("changes.title")}>
      <p className="mb-2 text-sm text-slate-700">{t("changes.intro")}</p>
      <p className="mb-3 font-medium">
        {plan.outdated.length ? t("changes.outdated", { count: plan.outdated.length }) : t("changes.upToDate")}
      </p>
      {scope.actor && can(scope.actor.role, "systems.manage") && (
        <ChangeRequestButton
          systemId={systemId}
          kind="create"
          show={plan.toRequest.length > 0}
          label={t("changes.create", { count: plan.toRequest.length })}
        />
      )}
      {scope.actor && can(scope.actor.role, "requests.refresh") && (
        <ChangeRequestButton
          systemId={systemId}
          kind="refresh"
          show={requests.some((r) => r.status === "New")}
          label={t("changes.refresh")}
        />
      )}
      {requests.length === 0 ? (
        <p className="text-sm">{t("changes.none")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">{t("changes.customer")}</th>
              <th scope="col">{t("changes.diff")}</th>
              <th scope="col">{t("changes.status")}</th>
              <th scope="col">{t("changes.confirmUrl")}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 align-top">
                <td className="py-1">
                  {r.name ?? r.orgNo} <span className="font-mono text-xs">{r.orgNo}</span>
                </td>
                <td className="py-1">
                  <Diff lists={r} t={t} />
                </td>
                <td className="py-1" data-status={r.status}>
                  {r.status}
                </td>
                <td className="py-1">
                  {r.confirmUrl && r.status === "New" ? (
                    <span className="flex flex-wrap items-center gap-2">
                      <a className="text-brand-700 underline" href={r.confirmUrl}>
                        {t("changes.open", { org: r.orgNo })}
                      </a>
                      <CopyButton text={r.confirmUrl} label={`${t("keys.copy")} ${r.orgNo}`} />
                    </span>
                  ) : (
                    "–"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.agents.length > 0 && (
        <div className="mt-4 text-sm">
          <p>{t("changes.agents")}</p>
          <ul className="list-disc pl-5">
            {plan.agents.map((u) => (
              <li key={u.id}>
                {u.customer.name ?? u.customer.orgNo} <span className="font-mono text-xs">{u.customer.orgNo}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
