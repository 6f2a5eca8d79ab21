import "server-only";
import { z } from "zod";
import { translator } from "@/lib/i18n";
import { resolveBranding, type ResolvedBranding } from "@/lib/branding/queries";

// The vendor on the pages a route handler answers without React (the hourly cap's 429): name and logo on
// top, support below, in both languages like the page itself. Every value is escaped: a display name is an
// admin's text, and this HTML has no React to escape it.

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export function brandFragments(b: ResolvedBranding | null): { top: string; bottom: string } {
  if (!b) return { top: "", bottom: "" };
  const [nb, en] = [translator("nb"), translator("en")];
  const name = b.displayName && escape(b.displayName);
  const logo = b.logoUrl
    ? `<img src="${escape(new URL(b.logoUrl).pathname)}" alt="${name ? escape(nb("brand.logoAlt", { vendor: b.displayName ?? "" })) : "Logo"}" height="48">`
    : "";
  const top = logo || name ? `<header>${logo}${name ? `<p><strong>${name}</strong></p>` : ""}</header>` : "";
  const { email, phone, url } = b.support;
  const items = [
    email && `<li><a href="mailto:${escape(email)}">${escape(email)}</a></li>`,
    phone && `<li><a href="tel:${escape(phone.replace(/[^+0-9]/g, ""))}">${escape(phone)}</a></li>`,
    url && `<li><a href="${escape(url)}">${escape(url)}</a></li>`,
  ].filter(Boolean);
  const bottom = items.length
    ? `<footer><p>${nb("brand.support.title")} <span lang="en">${en("brand.support.title")}</span></p><ul>${items.join("")}</ul></footer>`
    : "";
  return { top, bottom };
}

const causeSchema = z.object({ environmentId: z.uuid(), systemRowId: z.uuid() });

/** The branding of the system an error's cause names (publicCapReached), or null. */
export async function brandingOfCause(cause: unknown): Promise<ResolvedBranding | null> {
  const parsed = causeSchema.safeParse(cause);
  return parsed.success ? resolveBranding(parsed.data.environmentId, parsed.data.systemRowId) : null;
}
