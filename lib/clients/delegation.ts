import "server-only";
import { connect } from "@/lib/environments/connect";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/core/errors";
import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";
import {
  changeClient,
  listAgents,
  listClients,
  type AgentSystemUser,
  type ClientInfo,
} from "@/lib/integrations/altinn/client-delegation";
import type { EnvironmentView } from "@/lib/environments/types";
import type { ClientSession } from "@/lib/clients/session";
import { orgNoSchema } from "@/lib/requests/schema";
import { runAs } from "@/lib/core/request-context";

// The client administrator's side (CONTRACT §5.2). There is no portal user here: the person is
// authorised by Altinn itself (PDP on altinn_client_administration) through their own token, so these
// functions take the sealed session instead of an actor and let Altinn's 401/403 speak.

export type ClientContext = { session: ClientSession; environment: EnvironmentView; org: string };

/** Audit label: the facilitator and ID-porten's pairwise id, never the person's national id number. */
export function clientActor(ctx: ClientContext): AuditActor {
  return { type: "customer", label: `client-admin ${ctx.org} (${ctx.session.sub.slice(0, 12)})` };
}

export const loginExpired = () =>
  new AppError(
    "client_login_expired",
    {
      nb: "Innloggingen er utløpt. Logg inn igjen med ID-porten.",
      en: "The login has expired. Log in again with ID-porten.",
    },
    401,
  );

export const notClientAdmin = (org: string) =>
  new AppError(
    "client_admin_forbidden",
    {
      nb: `Du har ikke rollen klientadministrator eller tilgangsstyrer for ${org} i Altinn.`,
      en: `You do not have the client administrator or access manager role for ${org} in Altinn.`,
    },
    403,
  );

/** Altinn's 401 = the person token is gone; 403 = the person lacks the role for this organisation. */
export async function asPerson<T>(ctx: ClientContext, call: () => Promise<T>): Promise<T> {
  try {
    return await runAs(clientActor(ctx).label, call);
  } catch (err) {
    if (err instanceof AppError && err.status === 401) throw loginExpired();
    if (err instanceof AppError && err.status === 403) throw notClientAdmin(ctx.org);
    throw err;
  }
}

export type AgentOverview = AgentSystemUser & { available: ClientInfo[]; assigned: ClientInfo[] };

export async function findAgent(ctx: ClientContext, agentId: string): Promise<AgentSystemUser> {
  const agents = await asPerson(ctx, () => listAgents(connect(ctx.environment), ctx.session.token, ctx.org));
  const agent = agents.find((a) => a.id === agentId);
  if (!agent) throw notFound({ nb: "klientsystembrukeren", en: "Agent system user" });
  return agent;
}

/** The facilitator's agent system users, each with its available (not yet assigned) and assigned clients. */
export async function clientOverview(ctx: ClientContext): Promise<AgentOverview[]> {
  const agents = await asPerson(ctx, () => listAgents(connect(ctx.environment), ctx.session.token, ctx.org));
  return Promise.all(
    agents.map(async (a) => {
      const [available, assigned] = await asPerson(ctx, () =>
        Promise.all([
          listClients(connect(ctx.environment), ctx.session.token, a.id, "available"),
          listClients(connect(ctx.environment), ctx.session.token, a.id, "delegated"),
        ]),
      );
      const taken = new Set(assigned.map((c) => c.clientId));
      return { ...a, available: available.filter((c) => !taken.has(c.clientId)), assigned };
    }),
  );
}

/** Assign or remove one client; audited either way. */
export async function changeOneClient(ctx: ClientContext, agentId: string, clientId: string, op: "add" | "remove") {
  const action = op === "add" ? "clients.assign" : "clients.unassign";
  const target = { type: "agent_system_user", id: agentId };
  const detail = { org: ctx.org, clientId };
  try {
    await asPerson(ctx, () => changeClient(connect(ctx.environment), ctx.session.token, agentId, clientId, op));
  } catch (err) {
    if (err instanceof AppError)
      await recordAudit({
        actor: clientActor(ctx),
        action,
        target,
        outcome: "failure",
        environmentId: ctx.environment.id,
        detail: { ...detail, code: err.code },
      });
    throw err;
  }
  await recordAudit({
    actor: clientActor(ctx),
    action,
    target,
    outcome: "success",
    environmentId: ctx.environment.id,
    detail,
  });
}

export type Explanation =
  | { kind: "assigned" | "available"; text: { nb: string; en: string } }
  | { kind: "missing_packages"; missing: string[]; text: { nb: string; en: string } }
  | { kind: "no_relationship"; needed: string[]; text: { nb: string; en: string } };

const ROLE_OF = [
  { prefix: "urn:altinn:accesspackage:regnskapsforer", nb: "regnskapsfører", en: "accountant" },
  { prefix: "urn:altinn:accesspackage:ansvarlig-revisor", nb: "revisor", en: "auditor" },
  { prefix: "urn:altinn:accesspackage:revisormedarbeider", nb: "revisor", en: "auditor" },
  { prefix: "urn:altinn:accesspackage:forretningsforer", nb: "forretningsfører", en: "business manager" },
];
const name = (urn: string, l: "nb" | "en") => getAccessPackage(urn)?.name[l] ?? urn;
const names = (urns: string[], l: "nb" | "en") =>
  urns.map((u) => `«${name(u, l)}»`).join(l === "nb" ? " og " : " and ");
const roles = (urns: string[], l: "nb" | "en") => {
  const found = [...new Set(urns.flatMap((u) => ROLE_OF.filter((r) => u.startsWith(r.prefix)).map((r) => r[l])))];
  return found.length
    ? found.join(l === "nb" ? " eller " : " or ")
    : l === "nb"
      ? "klientforhold"
      : "client relationship";
};

/**
 * "Why is this client not available?" Altinn lists a client as available only when the facilitator
 * has a client relationship with it *and* the client grants every package the agent needs. Altinn does
 * not say which one is missing, so we reason from what it does show: a client another agent of the same
 * facilitator can see has the relationship (and grants that agent's packages), so what is missing is
 * a package; a client no agent can see has, as far as Altinn shows, no relationship at all.
 */
export async function explainUnavailable(ctx: ClientContext, agentId: string, rawOrgNo: string): Promise<Explanation> {
  const parsed = orgNoSchema.safeParse(rawOrgNo);
  if (!parsed.success)
    throw new AppError(
      "invalid_org_no",
      {
        nb: "Organisasjonsnummeret må være 9 siffer med gyldig kontrollsiffer.",
        en: "The organisation number must be 9 digits with a valid check digit.",
      },
      400,
    );
  const x = parsed.data;
  const agents = await asPerson(ctx, () => listAgents(connect(ctx.environment), ctx.session.token, ctx.org));
  const agent = agents.find((a) => a.id === agentId);
  if (!agent) throw notFound({ nb: "klientsystembrukeren", en: "Agent system user" });
  const needed = agent.accessPackages.map((p) => p.urn);
  const lists = async (a: AgentSystemUser) =>
    asPerson(ctx, async () => [
      ...(await listClients(connect(ctx.environment), ctx.session.token, a.id, "delegated")).map((c) => ({
        ...c,
        delegated: true,
      })),
      ...(await listClients(connect(ctx.environment), ctx.session.token, a.id, "available")).map((c) => ({
        ...c,
        delegated: false,
      })),
    ]);
  const own = (await lists(agent)).filter((c) => c.clientOrganizationNumber === x);
  if (own.some((c) => c.delegated)) {
    return {
      kind: "assigned",
      text: {
        nb: `${x} er allerede tildelt denne klientsystembrukeren.`,
        en: `${x} is already assigned to this agent system user.`,
      },
    };
  }
  if (own.length > 0) {
    return {
      kind: "available",
      text: { nb: `${x} er tilgjengelig og kan tildeles.`, en: `${x} is available and can be assigned.` },
    };
  }
  for (const other of agents.filter((a) => a.id !== agent.id)) {
    if (!(await lists(other)).some((c) => c.clientOrganizationNumber === x)) continue;
    const granted = new Set(other.accessPackages.map((p) => p.urn));
    const missing = needed.filter((u) => !granted.has(u));
    const shown = missing.length ? missing : needed;
    return {
      kind: "missing_packages",
      missing: shown,
      text: {
        nb: `${ctx.org} har et klientforhold til ${x}, men ${x} har ikke gitt tilgangspakken ${names(shown, "nb")}, som denne klientsystembrukeren trenger. Klienten (daglig leder eller tilgangsstyrer) må gi pakken til ${ctx.org} i Altinn.`,
        en: `${ctx.org} has a client relationship with ${x}, but ${x} has not given the access package ${names(shown, "en")}, which this agent system user needs. The client (general manager or access manager) must give the package to ${ctx.org} in Altinn.`,
      },
    };
  }
  return {
    kind: "no_relationship",
    needed,
    text: {
      nb: `Altinn viser ikke noe klientforhold mellom ${ctx.org} og ${x}. Som regel betyr det at ${ctx.org} ikke er registrert som ${roles(needed, "nb")} for ${x} i Enhetsregisteret. Er forholdet registrert, mangler ${x} å gi ${names(needed, "nb")} til ${ctx.org}.`,
      en: `Altinn shows no client relationship between ${ctx.org} and ${x}. Usually this means ${ctx.org} is not registered as ${roles(needed, "en")} for ${x} in the Entity Register. If the relationship is registered, ${x} has not given ${names(needed, "en")} to ${ctx.org}.`,
    },
  };
}
