import { describe, expect, it } from "vitest";
import { shareMessages } from "@/lib/requests/share-message";

describe("shareMessages", () => {
  it("names the customer and the system in each language and carries the link on its own line", () => {
    const url = "https://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=1&DONTCHOOSEREPORTEE=true";
    const m = shareMessages({ customerName: "Fjord AS", systemName: { nb: "Lønnssynk", en: "Payroll sync" }, url });
    expect(m.nb).toMatch(/^Hei Fjord AS,/);
    expect(m.nb).toContain("Lønnssynk");
    expect(m.nb).not.toContain("Payroll sync");
    expect(m.en).toMatch(/^Hello Fjord AS,/);
    expect(m.en).toContain("Payroll sync");
    for (const text of [m.nb, m.en]) expect(text.split("\n")).toContain(url);
  });
});
