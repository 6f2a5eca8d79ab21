import type { Translate } from "@/lib/i18n";
import type { ClientInfo } from "@/lib/integrations/altinn/client-delegation";
import { Button } from "@/components/ui/button";

type Props = {
  title: string;
  clients: ClientInfo[];
  op: "add" | "remove";
  agentId: string;
  base: string;
  org: string;
  t: Translate;
};

/** One of an agent's two client lists; each row posts a single assign (op=add) or remove (op=remove). */
export function ClientList({ title, clients, op, agentId, base, org, t }: Props) {
  const label = op === "add" ? "clients.assign" : "clients.unassign";
  return (
    <>
      <h4 className="font-semibold">
        {title} ({clients.length})
      </h4>
      {clients.length === 0 ? (
        <p className="mb-4 text-sm">{t("clients.none")}</p>
      ) : (
        <ul className="mb-4">
          {clients.map((c) => (
            <li
              key={c.clientId}
              className="flex items-center justify-between gap-4 border-b border-slate-200 py-2 last:border-0"
            >
              <span>
                <span className="font-mono">{c.clientOrganizationNumber}</span> {c.clientOrganizationName}
              </span>
              <form method="post" action={`${base}/assign`}>
                <input type="hidden" name="org" value={org} />
                <input type="hidden" name="agent" value={agentId} />
                <input type="hidden" name="client" value={c.clientId} />
                <input type="hidden" name="op" value={op} />
                <Button
                  type="submit"
                  variant="secondary"
                  aria-label={t(label, { name: c.clientOrganizationName || c.clientOrganizationNumber })}
                >
                  {t(label, { name: "" }).trim()}
                </Button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
