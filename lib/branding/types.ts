/** The branding a public page (or a mail) shows: a system's override over its environment's defaults, field by field. */
export type ResolvedBranding = {
  /** The vendor's name as customers know it; null when none is set (pages fall back to the portal's words). */
  displayName: string | null;
  /** Absolute URL of the logo (PORTAL_URL + path), or null. */
  logoUrl: string | null;
  /** #rrggbb that passed the AA check when it was saved, or null for the portal's own colour. */
  colour: string | null;
  support: { email: string | null; phone: string | null; url: string | null };
};

/** One stored row's fields (environment defaults or a system's override), as settings pages show them. */
export type StoredBranding = {
  displayName: string | null;
  colour: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  supportUrl: string | null;
  logoHash: string | null;
  /** Path of the stored logo (for the settings' preview), or null. */
  logoPath: string | null;
};
