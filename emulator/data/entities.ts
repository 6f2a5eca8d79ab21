// Synthetic Entity Register (Enhetsregisteret) and persons for the emulator.
// Every organisation number has a valid mod-11 check digit so portal-side validation accepts it;
// the names are invented and do not refer to real companies or people.

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
