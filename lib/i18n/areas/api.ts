// Texts for API keys and the API reference.
// Each key must exist in both languages (checked by the type in lib/i18n/en.ts).
export const apiNb = {
  "apikeys.errors.scope": "Ukjent tilgang.",
  "apikeys.errors.noScope": "Velg minst én tilgang.",
  "apikeys.errors.expiry": "Velg mellom 1 og 730 dager.",
  "api.errors.eventType": "Ukjent hendelsestype.",
};

export const apiEn: Record<keyof typeof apiNb, string> = {
  "apikeys.errors.scope": "Unknown scope.",
  "apikeys.errors.noScope": "Choose at least one scope.",
  "apikeys.errors.expiry": "Choose between 1 and 730 days.",
  "api.errors.eventType": "Unknown event type.",
};
