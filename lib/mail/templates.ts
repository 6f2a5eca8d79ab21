// The e-mails' words, in bokmål and English, each as HTML and as plain text. Plain functions of their
// inputs (no database), so templates.test.ts renders every kind in both languages.
import type { MailBrand } from "@/lib/mail/brand";

export const MAIL_LOCALES = ["nb", "en"] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];
export type MailKind = "invitation" | "reminder" | "confirmation" | "forward" | "test";

export type MailInput = {
  brand: MailBrand;
  /** The signed onboarding link (invitation, reminder, forward). */
  link?: string;
  linkExpiresAt?: Date;
  /** The "stop reminders" link (reminders, and invitations that will be followed by reminders). */
  stopLink?: string;
};

export type RenderedMail = { subject: string; html: string; text: string };

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

type Words = { subject: string; lead: string[]; button?: string; after?: string[] };

function words(kind: MailKind, l: MailLocale, i: MailInput): Words {
  const v = i.brand.vendorName;
  const sys = i.brand.systemName ?? v;
  const until = i.linkExpiresAt?.toLocaleDateString(l === "nb" ? "nb-NO" : "en-GB", { timeZone: "Europe/Oslo" });
  const nb = l === "nb";
  const role = nb
    ? "Godkjenningen krever at du har rollen Tilgangsstyrer i Altinn for organisasjonen, og at du selv har tilgangene som systemet ber om."
    : "Approving needs Altinn's Access manager role (Tilgangsstyrer) for the organisation, and the access the system asks for.";
  switch (kind) {
    case "invitation":
      return {
        subject: nb ? `${v}: godkjenn tilgang for ${sys} i Altinn` : `${v}: approve access for ${sys} in Altinn`,
        lead: [
          nb
            ? `${v} ber om at dere godkjenner en systembruker for ${sys} i Altinn. Det tar et par minutter.`
            : `${v} asks you to approve a system user for ${sys} in Altinn. It takes a couple of minutes.`,
          role,
        ],
        button: nb ? "Start godkjenningen" : "Start the approval",
        after: until ? [nb ? `Lenken virker til ${until}.` : `The link works until ${until}.`] : [],
      };
    case "reminder":
      return {
        subject: nb ? `Påminnelse: godkjenn tilgang for ${sys}` : `Reminder: approve access for ${sys}`,
        lead: [
          nb
            ? `Vi har ikke fått godkjenningen for ${sys} ennå. Bruk lenken under når det passer.`
            : `We have not received the approval for ${sys} yet. Use the link below when it suits you.`,
          role,
        ],
        button: nb ? "Start godkjenningen" : "Start the approval",
        after: until ? [nb ? `Lenken virker til ${until}.` : `The link works until ${until}.`] : [],
      };
    case "confirmation":
      return {
        subject: nb ? `${sys} er koblet til` : `${sys} is connected`,
        lead: [
          nb
            ? `Takk! Godkjenningen er registrert, og ${sys} fra ${v} er nå koblet til organisasjonen deres.`
            : `Thank you! The approval is in, and ${sys} from ${v} is now connected to your organisation.`,
        ],
      };
    case "forward":
      return {
        subject: nb ? `Kan du godkjenne ${sys} i Altinn?` : `Could you approve ${sys} in Altinn?`,
        lead: [
          nb
            ? `En kollega ba oss sende deg denne lenken: ${v} trenger en godkjenning i Altinn for ${sys}, og den kan bare gis av noen med rollen Tilgangsstyrer.`
            : `A colleague asked us to send you this link: ${v} needs an approval in Altinn for ${sys}, and only someone with the Access manager role (Tilgangsstyrer) can give it.`,
          role,
        ],
        button: nb ? "Start godkjenningen" : "Start the approval",
      };
    case "test":
      return {
        subject: nb ? `Test fra ${v}` : `Test from ${v}`,
        lead: [nb ? "SMTP-innstillingene virker." : "The SMTP settings work."],
      };
  }
}

/** Subject, HTML (inline styles only, as mail clients want) and the plain-text part of one e-mail. */
export function renderMail(kind: MailKind, locale: MailLocale, input: MailInput, withQr = false): RenderedMail {
  const w = words(kind, locale, input);
  const nb = locale === "nb";
  const stop = input.stopLink
    ? { label: nb ? "Ikke send flere påminnelser" : "Send no more reminders", href: input.stopLink }
    : null;
  const p = (s: string) => `<p style="margin:0 0 16px">${esc(s)}</p>`;
  // The brand colour passed WCAG AA against white text when it was saved (lib/branding/contrast.ts).
  const colour = input.brand.colour && /^#[0-9a-f]{6}$/i.test(input.brand.colour) ? input.brand.colour : "#0052a3";
  const contact = supportLines(input.brand, nb);
  const header = input.brand.logoUrl
    ? `<p style="margin:0 0 24px"><img src="${esc(input.brand.logoUrl)}" alt="${esc(input.brand.vendorName)}" style="max-height:48px;max-width:200px"></p>`
    : `<p style="font-weight:700;font-size:18px;margin:0 0 24px">${esc(input.brand.vendorName)}</p>`;
  const button =
    w.button && input.link
      ? `<p style="margin:24px 0"><a href="${esc(input.link)}" style="background:${colour};color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:600">${esc(w.button)}</a></p>` +
        p(nb ? "Eller lim inn denne adressen i nettleseren:" : "Or paste this address into your browser:") +
        `<p style="margin:0 0 16px;word-break:break-all"><a href="${esc(input.link)}" style="color:#0052a3">${esc(input.link)}</a></p>` +
        (withQr
          ? `<p style="margin:0 0 16px"><img src="cid:qr" width="160" height="160" alt="${esc(nb ? "QR-kode til lenken" : "QR code of the link")}"></p>`
          : "")
      : "";
  const html =
    `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;color:#1a1a1a;line-height:1.5">` +
    `<div style="max-width:560px;margin:0 auto;padding:24px">` +
    header +
    w.lead.map(p).join("") +
    button +
    (w.after ?? []).map(p).join("") +
    (contact.length
      ? `<p style="margin:32px 0 0;font-size:13px;color:#374151">${contact.map(esc).join("<br>")}</p>`
      : "") +
    (stop
      ? `<p style="margin:32px 0 0;font-size:13px"><a href="${esc(stop.href)}" style="color:#374151">${esc(stop.label)}</a></p>`
      : "") +
    `</div></body></html>`;
  const text = [
    input.brand.vendorName,
    "",
    ...w.lead.flatMap((s) => [s, ""]),
    ...(w.button && input.link ? [`${w.button}: ${input.link}`, ""] : []),
    ...(w.after ?? []).flatMap((s) => [s, ""]),
    ...(contact.length ? [...contact, ""] : []),
    ...(stop ? [`${stop.label}: ${stop.href}`] : []),
  ]
    .join("\n")
    .trim();
  return { subject: w.subject, html, text: `${text}\n` };
}

/** The vendor's support contact, as the public pages' footer shows it. */
function supportLines(brand: MailBrand, nb: boolean): string[] {
  const s = brand.support;
  if (!s || !(s.email || s.phone || s.url)) return [];
  return [
    nb ? `Spørsmål? Kontakt ${brand.vendorName}:` : `Questions? Contact ${brand.vendorName}:`,
    ...[s.email, s.phone, s.url].filter((x): x is string => !!x),
  ];
}
