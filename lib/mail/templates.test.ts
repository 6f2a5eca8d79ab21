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
});
