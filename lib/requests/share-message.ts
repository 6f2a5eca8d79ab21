// A ready-to-send message per language: the customer's name, the system and the confirm link. Plain
// text, so it survives e-mail, chat and SMS alike.
export type ShareInput = {
  customerName: string;
  systemName: { nb: string; en: string };
  vendorName?: string;
  url: string;
};

export function shareMessages({ customerName, systemName, url }: ShareInput): { nb: string; en: string } {
  return {
    nb: [
      `Hei ${customerName},`,
      "",
      `For at ${systemName.nb} skal kunne hente og sende data for dere, må noen med rett til å gi tilgang i Altinn godkjenne en systembruker.`,
      "Åpne lenken, logg inn i Altinn og godkjenn forespørselen:",
      url,
      "",
      "Lenken gjelder i 28 dager.",
    ].join("\n"),
    en: [
      `Hello ${customerName},`,
      "",
      `For ${systemName.en} to fetch and send data on your behalf, someone who may grant access in Altinn must approve a system user.`,
      "Open the link, log in to Altinn and approve the request:",
      url,
      "",
      "The link is valid for 28 days.",
    ].join("\n"),
  };
}
