// The audit trail's integrity: each chain's state in plain words (audit page and dashboard), and the
// audit page's integrity panel (public key, full verification, retention). ADR 020.
export const auditIntegrityNb = {
  "audit.chain.environment": "Dette miljøets kjede",
  "audit.chain.installation": "Installasjonens kjede (brukere og innlogging)",
  "audit.chain.ok": "intakt.",
  "audit.chain.broken": "brutt:",
  "audit.chain.sinceCheckpoint":
    "Kontrollert etter det signerte sjekkpunktet ved hendelse {seq}, laget {at} (fra {source}). Hendelser kontrollert: {n}.",
  "audit.chain.noCheckpoint": "Ingen signerte sjekkpunkter ennå, kontrollert fra starten. Hendelser kontrollert: {n}.",
  "audit.chain.source.database": "databasen",
  "audit.chain.source.directory": "ankerkatalogen",
  "audit.chain.problem.order":
    "hendelse {seq} står ikke på sin plass i rekkefølgen (hendelser er flyttet eller satt inn).",
  "audit.chain.problem.link":
    "hendelse {seq} peker ikke på hashen til hendelsen før den (en hendelse er fjernet, satt inn eller endret).",
  "audit.chain.problem.hash": "hendelse {seq} er endret etter at den ble skrevet.",
  "audit.chain.problem.missing": "hendelser er slettet (det nyeste sjekkpunktet dekker hendelse {seq}, som er borte).",
  "audit.chain.problem.checkpoint_mismatch":
    "hendelse {seq} stemmer ikke med det signerte sjekkpunktet: historikken er skrevet om og hashene regnet ut på nytt.",
  "audit.chain.problem.checkpoint_signature": "signaturen på et sjekkpunkt stemmer ikke med portalens nøkkel.",
  "audit.chain.problem.checkpoint_missing_from_database":
    "sjekkpunktrader er slettet fra databasen; ankerkatalogen har fortsatt sjekkpunktet ved hendelse {seq}.",
  "audit.integrity.title": "Integritet",
  "audit.integrity.intro":
    "Hver hendelse bærer hashen til den forrige. Portalen signerer jevnlig sjekkpunkter med sin egen nøkkel og skriver dem også utenfor databasen, så endrede eller slettede hendelser blir oppdaget.",
  "audit.integrity.key": "Offentlig nøkkel",
  "audit.integrity.kid": "Nøkkel-ID (kid)",
  "audit.integrity.alg": "Algoritme",
  "audit.integrity.download": "Last ned den offentlige nøkkelen (JWK)",
  "audit.integrity.offline": "Slik kontrollerer du en eksport uten portalen:",
  "audit.integrity.noKey": "Ingen signeringsnøkkel er satt opp (AUDIT_SIGNING_KEY), så ingenting signeres.",
  "audit.integrity.full": "Fullstendig kontroll",
  "audit.integrity.fullHint":
    "Går gjennom alle kjeder fra starten og sammenligner med hvert sjekkpunkt. Kjøres hver natt.",
  "audit.integrity.last": "Sist kjørt",
  "audit.integrity.never": "Aldri kjørt.",
  "audit.integrity.lastOk": "{at}: alt holder. Hendelser kontrollert: {n}.",
  "audit.integrity.lastBroken": "{at}: brudd i kjeden {chain} ved hendelse {seq}. Hendelser kontrollert: {n}.",
  "audit.integrity.verifyNow": "Kontroller alt nå",
  "audit.integrity.verifying": "Kontrollerer …",
  "audit.integrity.retention": "Oppbevaring",
  "audit.integrity.keptForever": "Hendelsene beholdes for alltid.",
  "audit.integrity.keptDays": "Hendelsene beholdes i {days} dager.",
  "audit.integrity.retentionHint":
    "Eldre hendelser arkiveres først til arkivkatalogen (AUDIT_ARCHIVE_DIR) og slettes så om natten. Kjeden kan fortsatt kontrolleres fra det eldste beholdte sjekkpunktet, og arkivet med audit:verify.",
  "audit.integrity.days": "Antall dager",
  "audit.integrity.daysHint": "Fra 30 til 36500. La feltet stå tomt for å beholde alt for alltid.",
  "audit.integrity.save": "Lagre oppbevaring",
  "audit.integrity.errors.days": "Skriv et helt antall dager fra 30 til 36500, eller la feltet stå tomt.",
};

export const auditIntegrityEn: Record<keyof typeof auditIntegrityNb, string> = {
  "audit.chain.environment": "This environment's chain",
  "audit.chain.installation": "The installation's chain (users and sign-ins)",
  "audit.chain.ok": "intact.",
  "audit.chain.broken": "broken:",
  "audit.chain.sinceCheckpoint":
    "Checked after the signed checkpoint at event {seq}, made {at} (from {source}). Events checked: {n}.",
  "audit.chain.noCheckpoint": "No signed checkpoint yet, checked from the start. Events checked: {n}.",
  "audit.chain.source.database": "the database",
  "audit.chain.source.directory": "the anchor directory",
  "audit.chain.problem.order": "event {seq} is out of order (events were moved or inserted).",
  "audit.chain.problem.link":
    "event {seq} does not name the hash of the event before it (an event was removed, inserted or changed).",
  "audit.chain.problem.hash": "event {seq} was changed after it was written.",
  "audit.chain.problem.missing": "events were deleted (the newest checkpoint covers event {seq}, which is gone).",
  "audit.chain.problem.checkpoint_mismatch":
    "event {seq} does not match the signed checkpoint: history was rewritten and the hashes recomputed.",
  "audit.chain.problem.checkpoint_signature": "a checkpoint's signature does not verify with the portal's key.",
  "audit.chain.problem.checkpoint_missing_from_database":
    "checkpoint rows were deleted from the database; the anchor directory still has the one at event {seq}.",
  "audit.integrity.title": "Integrity",
  "audit.integrity.intro":
    "Each event carries the hash of the one before. The portal regularly signs checkpoints with its own key and also writes them outside the database, so changed or deleted events are detected.",
  "audit.integrity.key": "Public key",
  "audit.integrity.kid": "Key ID (kid)",
  "audit.integrity.alg": "Algorithm",
  "audit.integrity.download": "Download the public key (JWK)",
  "audit.integrity.offline": "To verify an export without the portal:",
  "audit.integrity.noKey": "No signing key is set up (AUDIT_SIGNING_KEY), so nothing is signed.",
  "audit.integrity.full": "Full verification",
  "audit.integrity.fullHint": "Walks every chain from its start and compares it with every checkpoint. Runs nightly.",
  "audit.integrity.last": "Last run",
  "audit.integrity.never": "Never run.",
  "audit.integrity.lastOk": "{at}: everything holds. Events checked: {n}.",
  "audit.integrity.lastBroken": "{at}: broken in chain {chain} at event {seq}. Events checked: {n}.",
  "audit.integrity.verifyNow": "Verify everything now",
  "audit.integrity.verifying": "Verifying …",
  "audit.integrity.retention": "Retention",
  "audit.integrity.keptForever": "Events are kept forever.",
  "audit.integrity.keptDays": "Events are kept for {days} days.",
  "audit.integrity.retentionHint":
    "Older events are first archived to the archive directory (AUDIT_ARCHIVE_DIR), then deleted at night. The chain stays verifiable from the oldest checkpoint kept, and the archive with audit:verify.",
  "audit.integrity.days": "Number of days",
  "audit.integrity.daysHint": "From 30 to 36500. Leave empty to keep everything forever.",
  "audit.integrity.save": "Save retention",
  "audit.integrity.errors.days": "Enter a whole number of days from 30 to 36500, or leave the field empty.",
};
