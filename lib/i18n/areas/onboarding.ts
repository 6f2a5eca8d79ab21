// The public onboarding pages (end customers, no login): outcomes, signed links, rate limits.
export const onboardingNb = {
  "ob.connected.title": "Tilkoblet",
  "ob.rejected.title": "Forespørselen ble avvist",
  "ob.rejected.retry":
    "Ingen tilgang er gitt. Ombestemte du deg, eller trykket noen feil? Start på nytt, så får du en ny forespørsel å godkjenne i Altinn.",
  "ob.escalated.title": "Venter på godkjenning i virksomheten din",
  "ob.escalated.body":
    "Forespørselen for {org} er sendt videre. Nå må noen med rollen tilgangsstyrer i virksomheten din godkjenne den i Altinn. Når de har gjort det, er {system} tilkoblet; du trenger ikke gjøre noe mer.",
  "ob.pending.title": "Ikke besvart ennå",
  "ob.pending.body":
    "Forespørselen for {org} er ikke godkjent eller avvist ennå. Gå tilbake til Altinn for å svare på den.",
  "ob.pending.toAltinn": "Gå videre til Altinn",
  "ob.expired.title": "Forespørselen er utløpt",
  "ob.expired.body":
    "Altinn sletter forespørsler som ikke er besvart innen 28 dager. Start på nytt, så får du en ny forespørsel for {org}.",
  "ob.wrongOrg.title": "Feil virksomhet",
  "ob.wrongOrg.body":
    "Forespørselen ble behandlet for en annen virksomhet enn {org}, som lenken gjelder. Ingen tilgang er gitt for {org}. Logg inn i Altinn som {org} og start på nytt, eller be leverandøren om en ny lenke.",
  "ob.wrongOrg.typed":
    "Organisasjonsnummeret du skrev inn, er ikke det denne lenken gjelder. Be leverandøren om en lenke for din virksomhet.",
  "ob.unavailable.title": "Altinn svarer ikke akkurat nå",
  "ob.unavailable.body":
    "Vi fikk ikke sjekket forespørselen hos Altinn. Ingenting er tapt: svaret ditt er lagret i Altinn. Prøv igjen om litt.",
  "ob.unavailable.retry": "Sjekk på nytt",
  "ob.unknown.title": "Fant ikke forespørselen",
  "ob.unknown.body":
    "Vi fant ikke denne forespørselen. Lenken kan være feil eller utløpt. Start på nytt fra leverandørens påmeldingsside.",
  "ob.restart": "Start på nytt",
  "ob.link.title": "Koble {system} til {org}",
  "ob.link.intro":
    "{system} ber om en systembruker i Altinn for virksomheten med organisasjonsnummer {org}. Du sendes til Altinn for å godkjenne.",
  "ob.link.validUntil": "Lenken gjelder til {date}.",
  "ob.link.invalid.title": "Lenken virker ikke lenger",
  "ob.link.invalid.body": "Lenken er utløpt, erstattet av en nyere eller feil. Be leverandøren om en ny lenke.",
  "ob.link.create": "Lag påmeldingslenke",
  "ob.link.label": "Påmeldingslenke for kunden",
  "ob.rateLimited.title": "For mange forsøk",
  "ob.rateLimited.body": "Du har prøvd for mange ganger på kort tid. Vent {seconds} sekunder og prøv igjen.",
};

export const onboardingEn: Record<keyof typeof onboardingNb, string> = {
  "ob.connected.title": "Connected",
  "ob.rejected.title": "The request was rejected",
  "ob.rejected.retry":
    "No access was granted. Changed your mind, or pressed the wrong button? Start again to get a new request to approve in Altinn.",
  "ob.escalated.title": "Waiting for approval in your organisation",
  "ob.escalated.body":
    "The request for {org} has been passed on. Now someone with the access-manager role (tilgangsstyrer) in your organisation must approve it in Altinn. Once they have, {system} is connected; you need to do nothing more.",
  "ob.pending.title": "Not answered yet",
  "ob.pending.body":
    "The request for {org} has been neither approved nor rejected yet. Go back to Altinn to answer it.",
  "ob.pending.toAltinn": "Continue to Altinn",
  "ob.expired.title": "The request has expired",
  "ob.expired.body": "Altinn deletes requests not answered within 28 days. Start again to get a new request for {org}.",
  "ob.wrongOrg.title": "Wrong organisation",
  "ob.wrongOrg.body":
    "The request was handled for another organisation than {org}, which this link is for. No access was granted for {org}. Sign in to Altinn as {org} and start again, or ask the vendor for a new link.",
  "ob.wrongOrg.typed":
    "The organisation number you entered is not the one this link is for. Ask the vendor for a link for your organisation.",
  "ob.unavailable.title": "Altinn is not answering right now",
  "ob.unavailable.body":
    "We could not check the request with Altinn. Nothing is lost: your answer is kept in Altinn. Try again in a little while.",
  "ob.unavailable.retry": "Check again",
  "ob.unknown.title": "Request not found",
  "ob.unknown.body":
    "We could not find this request. The link may be wrong or expired. Start again from the vendor's onboarding page.",
  "ob.restart": "Start again",
  "ob.link.title": "Connect {system} to {org}",
  "ob.link.intro":
    "{system} asks for a system user in Altinn for the organisation with number {org}. You will be sent to Altinn to approve.",
  "ob.link.validUntil": "The link is valid until {date}.",
  "ob.link.invalid.title": "This link no longer works",
  "ob.link.invalid.body":
    "The link has expired, been replaced by a newer one, or is wrong. Ask the vendor for a new link.",
  "ob.link.create": "Create onboarding link",
  "ob.link.label": "Onboarding link for the customer",
  "ob.rateLimited.title": "Too many attempts",
  "ob.rateLimited.body": "You have tried too many times in a short while. Wait {seconds} seconds and try again.",
};
