// Guarding the public onboarding pages (ADR 018): the open page's switch on a system's page, the hourly cap's
// page for customers and the dashboard's alert for the vendor.
export const publicGuardNb = {
  "open.title": "Åpen påmeldingsside",
  "open.explain":
    "På den åpne siden kan hvem som helst skrive inn et organisasjonsnummer og starte en forespørsel i ditt navn. Personlige lenker til hver kunde virker uansett.",
  "open.on": "Åpen: kunder kan starte selv på",
  "open.off": "Stengt: siden svarer «finnes ikke». Send kundene personlige lenker, eller åpne siden.",
  "open.enable": "Åpne påmeldingssiden",
  "open.disable": "Steng påmeldingssiden",
  "open.enabled": "Påmeldingssiden er åpen.",
  "open.disabled": "Påmeldingssiden er stengt.",
  "cap.title": "Prøv igjen senere",
  "cap.body":
    "Mange har startet påmelding hos denne leverandøren den siste timen. Prøv igjen om {minutes} minutter. Ingenting er sendt til Altinn.",
  "cap.dashboard.title": "Taket for offentlige forespørsler er nådd",
  "cap.dashboard.item":
    "{system} nådde {cap} forespørsler fra offentlige sider på én time ({date}). Kunder blir bedt om å prøve igjen senere.",
  "cap.dashboard.fix": "Se systemet",
};

export const publicGuardEn: Record<keyof typeof publicGuardNb, string> = {
  "open.title": "Open onboarding page",
  "open.explain":
    "On the open page anyone can enter an organisation number and start a request in your name. Personal links to each customer work either way.",
  "open.on": "Open: customers can start by themselves at",
  "open.off": 'Closed: the page answers "does not exist". Send customers personal links, or open the page.',
  "open.enable": "Open the onboarding page",
  "open.disable": "Close the onboarding page",
  "open.enabled": "The onboarding page is open.",
  "open.disabled": "The onboarding page is closed.",
  "cap.title": "Try again later",
  "cap.body":
    "Many have started onboarding with this vendor in the last hour. Try again in {minutes} minutes. Nothing was sent to Altinn.",
  "cap.dashboard.title": "The cap on public requests was reached",
  "cap.dashboard.item":
    "{system} reached {cap} requests from public pages within an hour ({date}). Customers are asked to try again later.",
  "cap.dashboard.fix": "See the system",
};
