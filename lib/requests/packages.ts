import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";
import { AppError } from "@/lib/core/errors";

export type RequestKind = "standard" | "agent";

/**
 * Which of a system's packages a request of this kind asks for (CONTRACT §6.1): a standard system
 * user needs `isAssignable`; an agent (client) system user gets the client packages, those that are
 * delegable but not assignable (accountant, auditor, business manager): what a client gives its
 * accounting firm. A package missing from the catalogue snapshot is passed on unchanged: Altinn, not
 * our snapshot, has the last word on it.
 */
export function usablePackages(systemPackages: readonly string[], kind: RequestKind): string[] {
  return systemPackages.filter((urn) => {
    const p = getAccessPackage(urn);
    if (!p) return true;
    return kind === "agent" ? p.isDelegable && !p.isAssignable : p.isAssignable;
  });
}

/** The packages to send, or an error saying why this system cannot have a system user of this kind. */
export function packagesForKind(systemPackages: readonly string[], kind: RequestKind): string[] {
  const usable = usablePackages(systemPackages, kind);
  if (kind === "agent" && usable.length === 0) {
    throw new AppError(
      "no_client_packages",
      {
        nb: "Systemet har ingen tilgangspakker som kan brukes av en klientsystembruker (pakker som kan delegeres videre, f.eks. regnskapsfører- eller revisorpakkene). Legg til en slik pakke på systemet først.",
        en: "The system has no access packages an agent (client) system user can use (delegable packages, e.g. the accountant or auditor packages). Add such a package to the system first.",
      },
      409,
    );
  }
  if (kind === "standard" && systemPackages.length > 0 && usable.length === 0) {
    throw new AppError(
      "no_standard_packages",
      {
        nb: "Systemet har bare klientpakker (for regnskapsførere, revisorer og forretningsførere). De kan ikke gis til en vanlig systembruker; opprett en klientforespørsel i stedet.",
        en: "The system has only client packages (for accountants, auditors and business managers). They cannot be given to a standard system user; create an agent request instead.",
      },
      409,
    );
  }
  return usable;
}
