/** Binds a sealed SMTP password to its environment (lib/secrets/sealed-columns.ts re-seals the column). */
export const mailPasswordAad = (environmentId: string) => `mail-smtp:${environmentId}`;
