import "server-only";
import { connect } from "@/lib/environments/connect";
import { db } from "@/lib/core/db";
import type { EnvironmentView } from "@/lib/environments/types";
import { getRegisteredSystem } from "@/lib/integrations/altinn/system-register";
import { listSystemUsersBySystem } from "@/lib/integrations/altinn/system-users";
import { AppError, type LocalizedText } from "@/lib/core/errors";

export type Mp303Cause =
  | "system_missing"
  | "client_not_on_system"
  | "wrong_external_ref"
  | "agent_needs_facilitator"
  | "no_system_user"
  | "unexplained"
  | "lookup_failed";
export type Fix = { href: string; label: LocalizedText };
export type Diagnosis = { cause: Mp303Cause; detail: LocalizedText; fix?: Fix };

type SystemRow = { id: string; systemId: string };

const systemFix = (s: SystemRow): Fix => ({
  href: `/systems/${s.id}`,
  label: { nb: `Åpne ${s.systemId}`, en: `Open ${s.systemId}` },
});
const REQUESTS_FIX: Fix = {
  href: "/requests",
  label: { nb: "Opprett en forespørsel for kunden", en: "Create a request for the customer" },
};
const CUSTOMERS_FIX: Fix = {
  href: "/customers",
  label: { nb: "Se kundens systembrukere", en: "See the customer's system users" },
};

/**
 * Why Maskinporten answered MP-303, read from Altinn itself (real Maskinporten says little): is the
 * client on the system, does the org own a system user of it, with which externalRef, and is the
 * system used through agent system users whose owner (the facilitator) the grant must name?
 */
export async function diagnoseMp303(
  environment: EnvironmentView,
  system: SystemRow,
  orgNo: string,
  externalRef: string | undefined,
): Promise<Diagnosis> {
  try {
    return await diagnose(environment, system, orgNo, externalRef);
  } catch (err) {
    const why = err instanceof AppError ? err.userMessage : { nb: "uventet feil", en: "unexpected error" };
    return {
      cause: "lookup_failed",
      detail: {
        nb: `Kunne ikke lese Altinn for å finne årsaken: ${why.nb}`,
        en: `Could not read Altinn to find the cause: ${why.en}`,
      },
    };
  }
}

async function diagnose(
  environment: EnvironmentView,
  system: SystemRow,
  orgNo: string,
  externalRef: string | undefined,
): Promise<Diagnosis> {
  const remote = await getRegisteredSystem(connect(environment), system.systemId);
  if (!remote || remote.isDeleted) {
    return {
      cause: "system_missing",
      fix: systemFix(system),
      detail: {
        nb: `Systemet ${system.systemId} finnes ikke i Altinns systemregister. Registrer det på nytt.`,
        en: `The system ${system.systemId} is not in Altinn's System Register. Register it again.`,
      },
    };
  }
  const clientIds = remote.clientId.map((c) => c.toLowerCase());
  if (!clientIds.includes(environment.clientId.toLowerCase())) {
    const holder = await db.system.findFirst({
      where: { environmentId: environment.id, clientIds: { has: environment.clientId } },
      select: { systemId: true },
    });
    const elsewhere = holder
      ? { nb: ` Klienten står på ${holder.systemId}.`, en: ` The client is on ${holder.systemId}.` }
      : { nb: "", en: "" };
    return {
      cause: "client_not_on_system",
      fix: systemFix(system),
      detail: {
        nb: `Maskinporten-klienten ${environment.clientId} står ikke på systemet ${system.systemId}, så Maskinporten finner ikke systembrukeren.${elsewhere.nb} Legg klient-ID-en til på systemet (én klient kan bare høre til ett system).`,
        en: `The Maskinporten client ${environment.clientId} is not on the system ${system.systemId}, so Maskinporten cannot find the system user.${elsewhere.en} Add the client id to the system (a client can belong to one system only).`,
      },
    };
  }
  const users = await listSystemUsersBySystem(connect(environment), system.systemId);
  const owned = users.filter((u) => u.reporteeOrgNo === orgNo);
  const sent = externalRef ?? orgNo;
  if (owned.length > 0) {
    const match = owned.find((u) => (u.externalRef ?? u.reporteeOrgNo) === sent);
    if (match) {
      return {
        cause: "unexplained",
        detail: {
          nb: `Altinn har en systembruker (${match.id}) for ${orgNo} med externalRef «${sent}» på systemet, og klienten står på systemet. Prøv igjen; vedvarer feilen, kontakt Digdir/Altinn med tidspunkt og klient-ID.`,
          en: `Altinn holds a system user (${match.id}) for ${orgNo} with externalRef "${sent}" on the system, and the client is on the system. Try again; if it persists, contact Digdir/Altinn with the time and client id.`,
        },
      };
    }
    const refs = owned.map((u) => `«${u.externalRef ?? u.reporteeOrgNo}»`).join(", ");
    const refsEn = owned.map((u) => `"${u.externalRef ?? u.reporteeOrgNo}"`).join(", ");
    return {
      cause: "wrong_external_ref",
      fix: CUSTOMERS_FIX,
      detail: {
        nb: `${orgNo} har en systembruker på ${system.systemId}, men med externalRef ${refs}; granten sendte «${sent}»${externalRef ? "" : " (standard: organisasjonsnummeret)"}. Send externalRef slik systembrukeren ble opprettet.`,
        en: `${orgNo} has a system user on ${system.systemId}, but with externalRef ${refsEn}; the grant sent "${sent}"${externalRef ? "" : " (the default: the org number)"}. Send the externalRef the system user was created with.`,
      },
    };
  }
  const facilitators = [...new Set(users.filter((u) => u.userType === "agent").map((u) => u.reporteeOrgNo))];
  if (facilitators.length > 0) {
    const list = facilitators.join(", ");
    return {
      cause: "agent_needs_facilitator",
      fix: CUSTOMERS_FIX,
      detail: {
        nb: `${orgNo} eier ingen systembruker på ${system.systemId}, men systemet brukes gjennom klientsystembrukere eid av ${list}. Er ${orgNo} en klient av en av dem, må granten oppgi tilretteleggeren (systemuser_org = ${facilitators[0]}), ikke klientens organisasjonsnummer. Hvis ikke: få kunden til å godkjenne en forespørsel.`,
        en: `${orgNo} owns no system user of ${system.systemId}, but the system is used through agent system users owned by ${list}. If ${orgNo} is a client of one of them, the grant must name the facilitator (systemuser_org = ${facilitators[0]}), not the client's org number. If not, have the customer approve a request.`,
      },
    };
  }
  return {
    cause: "no_system_user",
    fix: REQUESTS_FIX,
    detail: {
      nb: `${orgNo} har ingen systembruker for ${system.systemId} i Altinn. Kunden må godkjenne en forespørsel om systembruker først.`,
      en: `${orgNo} has no system user for ${system.systemId} in Altinn. The customer must approve a system-user request first.`,
    },
  };
}
