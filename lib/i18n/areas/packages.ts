// Texts for one area of the portal, kept apart so areas can grow without touching each other.
// Each key must exist in both languages (checked by the type in lib/i18n/en.ts).
export const packagesNb = {
  "planner.search": "Søk i tilgangspakker",
  "planner.sourceAltinn": "Katalogen er hentet fra miljøets Altinn.",
  "planner.sourceSnapshot": "Altinn svarte ikke; viser portalens lagrede katalog.",
  "planner.selected": "{count} pakker valgt.",
  "planner.personGroup": "for personer",
  "planner.use.standard": "Bare vanlige systembrukere",
  "planner.use.agent": "Klientpakke: bare agent-systembrukere",
  "planner.use.none": "Kan ikke brukes av systembrukere",
  "planner.warn.unusable":
    "Kan ikke brukes av noen systembruker, og Altinn avviser systemet (AUTH.VLD-00008): {packages}.",
  "planner.warn.visibleClient":
    "Klientpakker kan ikke stå på et system som er synlig i Altinn (AUTH.VLD-00018): {packages}. Fjern dem eller slå av synlighet.",
  "planner.warn.agentOnly":
    "Bare agent-systembrukere (regnskapsførere, revisorer) kan få {packages}; vanlige forespørsler om dem avvises.",
  "planner.warn.standardOnly": "Agent-systembrukere kan ikke få {packages}.",
  "changes.title": "Endringsforespørsler",
  "changes.intro":
    "Når systemets tilgangspakker eller rettigheter endres, beholder eksisterende systembrukere den gamle tilgangen til kunden godkjenner en endringsforespørsel.",
  "changes.outdated": "{count} vanlige systembrukere har ikke systemets nåværende tilgang.",
  "changes.upToDate": "Alle vanlige systembrukere har systemets nåværende tilgang.",
  "changes.create": "Lag endringsforespørsler for {count} systembrukere",
  "changes.customer": "Kunde",
  "changes.status": "Status",
  "changes.diff": "Endring",
  "changes.add": "legg til",
  "changes.remove": "fjern",
  "changes.confirmUrl": "Godkjenningslenke",
  "changes.agents":
    "Agent-systembrukere kan ikke endres (CONTRACT §4.4). Disse må slettes og opprettes på nytt med ny forespørsel:",
  "changes.refresh": "Oppdater status",
  "changes.open": "Åpne lenken for {org}",
  "changes.none": "Ingen endringsforespørsler ennå.",
} as const;

export const packagesEn: Record<keyof typeof packagesNb, string> = {
  "planner.search": "Search access packages",
  "planner.sourceAltinn": "Catalogue loaded from the environment's Altinn.",
  "planner.sourceSnapshot": "Altinn did not answer; showing the portal's stored catalogue.",
  "planner.selected": "{count} packages selected.",
  "planner.personGroup": "for persons",
  "planner.use.standard": "Standard system users only",
  "planner.use.agent": "Client package: agent system users only",
  "planner.use.none": "Cannot be used by system users",
  "planner.warn.unusable": "No system user can hold these, and Altinn refuses the system (AUTH.VLD-00008): {packages}.",
  "planner.warn.visibleClient":
    "Client packages cannot be on a system that is visible in Altinn (AUTH.VLD-00018): {packages}. Remove them or turn visibility off.",
  "planner.warn.agentOnly":
    "Only agent system users (accountants, auditors) can get {packages}; standard requests for them are refused.",
  "planner.warn.standardOnly": "Agent system users cannot get {packages}.",
  "changes.title": "Change requests",
  "changes.intro":
    "When the system's access packages or rights change, existing system users keep their old access until the customer approves a change request.",
  "changes.outdated": "{count} standard system users lack the system's current access.",
  "changes.upToDate": "Every standard system user has the system's current access.",
  "changes.create": "Create change requests for {count} system users",
  "changes.customer": "Customer",
  "changes.status": "Status",
  "changes.diff": "Change",
  "changes.add": "add",
  "changes.remove": "remove",
  "changes.confirmUrl": "Approval link",
  "changes.agents":
    "Agent system users cannot be changed (CONTRACT §4.4). Delete these and create them again with a new request:",
  "changes.refresh": "Refresh status",
  "changes.open": "Open the link for {org}",
  "changes.none": "No change requests yet.",
} as const;
