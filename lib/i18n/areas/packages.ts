// Texts for one area of the portal, kept apart so areas can grow without touching each other.
// Each key must exist in both languages (checked by the type in lib/i18n/en.ts).
export const packagesNb = {
} as const;

export const packagesEn: Record<keyof typeof packagesNb, string> = {
};
