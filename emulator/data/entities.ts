// Synthetic Entity Register (Enhetsregisteret) and persons for the emulator.
// Every organisation number has a valid mod-11 check digit so portal-side validation accepts it;
// the names are invented and do not refer to real companies or people.
import { createHash } from "node:crypto";

export interface Organisation {
  orgNo: string;
  name: string;
  /** Informational only: which role the organisation plays in the demo data. */
  role: "vendor" | "customer";
}

export interface Person {
  id: string;
  name: string;
}

export const ORGANISATIONS: readonly Organisation[] = [
  { orgNo: "991825827", name: "Fjordsoft AS", role: "vendor" },
  { orgNo: "314001230", name: "Nordkapp Regnskapssystemer AS", role: "vendor" },
  { orgNo: "310904473", name: "Tilfeldig Bakeri AS", role: "customer" },
  { orgNo: "313469999", name: "Havbris Fiskeoppdrett AS", role: "customer" },
  { orgNo: "314250052", name: "Granlia Regnskapskontor AS", role: "customer" },
  { orgNo: "310609544", name: "Bjørkely Barnehage SA", role: "customer" },
  { orgNo: "311876546", name: "Steinbru Bygg og Anlegg AS", role: "customer" },
  { orgNo: "315555558", name: "Solsiden Transport AS", role: "customer" },
  { orgNo: "317000421", name: "Kvitfjell Helse og Omsorg AS", role: "customer" },
  { orgNo: "312345129", name: "Måkeskjær Kafé ENK", role: "customer" },
  { orgNo: "311001116", name: "Lyngheim Eiendom AS", role: "customer" },
  // Accounting and audit firms (facilitators of agent system users); 314250052 above is one too.
  { orgNo: "316200451", name: "Fjellvik Revisjon AS", role: "customer" },
  { orgNo: "310555010", name: "Tallkloa Regnskap og Lønn AS", role: "customer" },
];

export const PERSONS: readonly Person[] = [
  { id: "01048012345", name: "Kari Testesen" },
  { id: "15029054321", name: "Ola Prøvesen" },
  { id: "23117598765", name: "Ingrid Demodatter" },
  { id: "30066811223", name: "Per Eksempelsen" },
  { id: "09128833445", name: "Aisha Syntetisk" },
];

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Mod-11 check used by Brønnøysundregistrene; remainder 10 means the number can never be valid. */
export function isValidOrgNo(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === digits[8];
}

export function findOrganisation(orgNo: string): Organisation | undefined {
  return ORGANISATIONS.find((o) => o.orgNo === orgNo);
}

export function findPerson(id: string): Person | undefined {
  return PERSONS.find((p) => p.id === id);
}

/** A stable party uuid per organisation, derived from the org number so it survives restarts and resets. */
export function partyUuid(orgNo: string): string {
  const h = createHash("sha256").update(`emulator-party:${orgNo}`).digest("hex");
  // Shaped as a version-4 uuid (version and variant nibbles set) so strict uuid parsers accept it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function findOrganisationByPartyUuid(uuid: string): Organisation | undefined {
  const wanted = uuid.toLowerCase();
  return ORGANISATIONS.find((o) => partyUuid(o.orgNo) === wanted);
}

/** Roles a person holds in an organisation (ER role or Altinn admin package, simplified to one list). */
export type PartyRole = "daglig-leder" | "hovedadministrator" | "tilgangsstyrer" | "klientadministrator";

export interface PersonRole {
  pid: string;
  orgNo: string;
  role: PartyRole;
}

const KARI = "01048012345";
const ORIGINAL_CUSTOMERS = ["310904473", "313469999", "314250052", "310609544", "311876546", "315555558", "317000421", "312345129", "311001116"];

export const PERSON_ROLES: readonly PersonRole[] = [
  // Kari is the demo's default approver, so she is access manager for every original customer.
  { pid: KARI, orgNo: "310904473", role: "daglig-leder" },
  ...ORIGINAL_CUSTOMERS.map((orgNo): PersonRole => ({ pid: KARI, orgNo, role: "tilgangsstyrer" })),
  { pid: "15029054321", orgNo: "314250052", role: "daglig-leder" },
  { pid: "15029054321", orgNo: "314250052", role: "klientadministrator" },
  { pid: "23117598765", orgNo: "316200451", role: "daglig-leder" },
  { pid: "23117598765", orgNo: "316200451", role: "klientadministrator" },
  { pid: "23117598765", orgNo: "310609544", role: "tilgangsstyrer" },
  { pid: "30066811223", orgNo: "311876546", role: "daglig-leder" },
  { pid: "30066811223", orgNo: "310555010", role: "hovedadministrator" },
  { pid: "30066811223", orgNo: "310555010", role: "tilgangsstyrer" },
  { pid: "09128833445", orgNo: "312345129", role: "daglig-leder" },
];

export function rolesOf(pid: string, orgNo: string): PartyRole[] {
  return PERSON_ROLES.filter((r) => r.pid === pid && r.orgNo === orgNo).map((r) => r.role);
}

/** Roles that pass the emulator's PDP check on `altinn_client_administration` (CONTRACT §5.2). */
export const CLIENT_ADMIN_ROLES: readonly PartyRole[] = ["klientadministrator", "tilgangsstyrer"];

export function canAdministerClients(pid: string, orgNo: string): boolean {
  return rolesOf(pid, orgNo).some((r) => CLIENT_ADMIN_ROLES.includes(r));
}

const PKG = "urn:altinn:accesspackage:";

/** A client relationship: the facilitator (accounting/audit firm) serves the client with these packages. */
export interface ClientRelation {
  facilitatorOrgNo: string;
  clientOrgNo: string;
  packages: readonly string[];
}

export const CLIENT_RELATIONS: readonly ClientRelation[] = [
  { facilitatorOrgNo: "314250052", clientOrgNo: "310609544", packages: [`${PKG}regnskapsforer-med-signeringsrettighet`, `${PKG}regnskapsforer-lonn`] },
  { facilitatorOrgNo: "314250052", clientOrgNo: "310904473", packages: [`${PKG}regnskapsforer-med-signeringsrettighet`] },
  { facilitatorOrgNo: "314250052", clientOrgNo: "311876546", packages: [`${PKG}regnskapsforer-uten-signeringsrettighet`] },
  { facilitatorOrgNo: "314250052", clientOrgNo: "312345129", packages: [`${PKG}regnskapsforer-med-signeringsrettighet`, `${PKG}regnskapsforer-lonn`] },
  { facilitatorOrgNo: "316200451", clientOrgNo: "313469999", packages: [`${PKG}ansvarlig-revisor`, `${PKG}revisormedarbeider`] },
  { facilitatorOrgNo: "316200451", clientOrgNo: "315555558", packages: [`${PKG}ansvarlig-revisor`] },
  { facilitatorOrgNo: "316200451", clientOrgNo: "311876546", packages: [`${PKG}ansvarlig-revisor`] },
  { facilitatorOrgNo: "310555010", clientOrgNo: "317000421", packages: [`${PKG}regnskapsforer-med-signeringsrettighet`, `${PKG}regnskapsforer-lonn`] },
  { facilitatorOrgNo: "310555010", clientOrgNo: "311001116", packages: [`${PKG}regnskapsforer-uten-signeringsrettighet`, `${PKG}forretningsforer-eiendom`] },
];

export function clientsOf(facilitatorOrgNo: string): ClientRelation[] {
  return CLIENT_RELATIONS.filter((c) => c.facilitatorOrgNo === facilitatorOrgNo);
}

export function findClientRelation(facilitatorOrgNo: string, clientOrgNo: string): ClientRelation | undefined {
  return CLIENT_RELATIONS.find((c) => c.facilitatorOrgNo === facilitatorOrgNo && c.clientOrgNo === clientOrgNo);
}
