import { packageUse, type CataloguePackage } from "@/lib/systems/catalogue/model";

// What Altinn will say about a choice of packages, said before anything is sent (CONTRACT §6.1, §3.3).
export type PlanWarning = {
  code: "unusable" | "visibleClient" | "agentOnly" | "standardOnly";
  blocking: boolean;
  packages: CataloguePackage[];
};

export function planWarnings(chosen: CataloguePackage[], isVisible: boolean): PlanWarning[] {
  const of = (use: ReturnType<typeof packageUse>) => chosen.filter((p) => packageUse(p) === use);
  const [none, agent, standard] = [of("none"), of("agent"), of("standard")];
  const out: PlanWarning[] = [];
  // Neither delegable nor assignable: the System Register refuses the system (AUTH.VLD-00008).
  if (none.length) out.push({ code: "unusable", blocking: true, packages: none });
  // Client packages are not assignable, and a visible system may hold assignable packages only (AUTH.VLD-00018).
  if (isVisible && agent.length) out.push({ code: "visibleClient", blocking: true, packages: agent });
  // Allowed, but only agent system users can get them: standard requests would fail with AUTH-00064.
  if (!isVisible && agent.length) out.push({ code: "agentOnly", blocking: false, packages: agent });
  // The reverse for agent requests (AUTH-00065), worth saying once client packages are in play.
  if (agent.length && standard.length) out.push({ code: "standardOnly", blocking: false, packages: standard });
  return out;
}
