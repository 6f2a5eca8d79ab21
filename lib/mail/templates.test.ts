import { describe, expect, it } from "vitest";
import { renderMail } from "@/lib/mail/templates";

const brand = { vendorName: "Regnskap <AS>", systemName: "Lønn" };

describe("mail templates", () => {
  it("renders every kind in both languages, with a plain-text part carrying the link", () => {
    for (const kind of ["invitation", "reminder", "forward"] as const)
      for (const locale of ["nb", "en"] as const) {
        const r = renderMail(kind, locale, { brand, link: "https://p.test/onboard/l/abc" }, true);
        expect(r.text).toContain("https://p.test/onboard/l/abc");
        expect(r.html).toContain('href="https://p.test/onboard/l/abc"');
        expect(r.html).toContain('src="cid:qr"');
      }
  });
  it("escapes the vendor's name in HTML and leaves the text part plain", () => {
    const r = renderMail("confirmation", "en", { brand });
    expect(r.html).toContain("Regnskap &lt;AS&gt;");
    expect(r.text).toContain("Regnskap <AS>");
    expect(r.subject).toBe("Lønn is connected");
  });
  it("puts the stop link in reminders", () => {
    const r = renderMail("reminder", "nb", { brand, link: "https://p.test/l", stopLink: "https://p.test/mail/stop/x" });
    expect(r.text).toContain("Ikke send flere påminnelser: https://p.test/mail/stop/x");
  });
  it("carries the vendor's branding: logo, brand colour on the button, support contact in both parts", () => {
    const branded = {
      ...brand,
      logoUrl: "https://p.test/brand/logo/e/1/abc.png",
      colour: "#7a1f5c",
      support: { email: "hjelp@regnskap.no", phone: null, url: "https://regnskap.no/hjelp" },
    };
    const r = renderMail("invitation", "nb", { brand: branded, link: "https://p.test/l" });
    expect(r.html).toContain('<img src="https://p.test/brand/logo/e/1/abc.png" alt="Regnskap &lt;AS&gt;"');
    expect(r.html).toContain("background:#7a1f5c");
    expect(r.html).toContain("hjelp@regnskap.no");
    expect(r.text).toContain("Spørsmål? Kontakt Regnskap <AS>:\nhjelp@regnskap.no\nhttps://regnskap.no/hjelp");
    const plain = renderMail("invitation", "en", { brand, link: "https://p.test/l" });
    expect(plain.html).toContain("background:#0052a3");
    expect(plain.html).not.toContain("Questions?");
    // A colour that is not #rrggbb (a stored value is checked, but mail HTML is no place to trust one) is not used.
    expect(renderMail("invitation", "en", { brand: { ...brand, colour: "red;x:y" }, link: "l" }).html).toContain(
      "background:#0052a3",
    );
  });
});
