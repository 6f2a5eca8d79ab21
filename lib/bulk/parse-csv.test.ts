import { describe, expect, it } from "vitest";
import { parseCustomerCsv, type Parsed } from "@/lib/bulk/parse-csv";

const utf8 = (s: string) => new TextEncoder().encode(s);
const rowsOf = (p: Parsed) => {
  if (!p.ok) throw new Error(`parse failed: ${p.error}`);
  return p.rows;
};

describe("parseCustomerCsv", () => {
  it("reads a headerless comma file: org number, name, ref", () => {
    const p = parseCustomerCsv(utf8('310904473,Bakeriet AS,K-1\n313469999,"Sjø, og Land AS",K-2\n'));
    expect(p).toMatchObject({ ok: true, header: false, separator: "," });
    expect(rowsOf(p)).toEqual([
      { line: 1, orgNo: "310904473", name: "Bakeriet AS", ref: "K-1" },
      { line: 2, orgNo: "313469999", name: "Sjø, og Land AS", ref: "K-2" },
    ]);
  });

  it("reads Excel's semicolon file with BOM and a header in any column order", () => {
    const p = parseCustomerCsv(utf8("\uFEFFKundenr;Navn;Organisasjonsnummer\r\n77;Bakeriet AS;310 904 473\r\n"));
    expect(p).toMatchObject({ ok: true, header: true, separator: ";", encoding: "utf-8" });
    expect(rowsOf(p)).toEqual([{ line: 2, orgNo: "310904473", name: "Bakeriet AS", ref: "77" }]);
  });

  it("falls back to Windows-1252 when the bytes are not UTF-8, and reads UTF-16 with BOM", () => {
    const latin = new Uint8Array([...utf8("310904473;Bl"), 0xe5, ...utf8("b"), 0xe6, ...utf8("r AS\n")]);
    const p = parseCustomerCsv(latin);
    expect(p).toMatchObject({ ok: true, encoding: "windows-1252" });
    expect(rowsOf(p)[0]?.name).toBe("Blåbær AS");
    const text = "orgnr\tnavn\n310904473\tØst AS\n";
    const u16 = new Uint8Array(2 + text.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) u16[2 + i * 2] = text.charCodeAt(i);
    expect(rowsOf(parseCustomerCsv(u16))).toEqual([{ line: 2, orgNo: "310904473", name: "Øst AS", ref: null }]);
  });

  it("marks each bad row with its own reason and keeps the good ones", () => {
    const rows = rowsOf(parseCustomerCsv(utf8("orgnr,navn\n310904473,A\n310904474,B\n12345,C\n,D\n310904473,E\n")));
    expect(rows.map((r) => [r.line, r.error ?? "ok"])).toEqual([
      [2, "ok"],
      [3, "checksum"],
      [4, "format"],
      [5, "missing"],
      [6, "duplicate"],
    ]);
    expect(rows[4]?.duplicateOf).toBe(2);
  });

  it("refuses files it cannot read, naming why", () => {
    expect(parseCustomerCsv(utf8(""))).toEqual({ ok: false, error: "empty" });
    expect(parseCustomerCsv(utf8("orgnr,navn\n"))).toEqual({ ok: false, error: "empty" });
    expect(parseCustomerCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({
      ok: false,
      error: "binary",
    });
    expect(parseCustomerCsv(utf8("navn,adresse\nA,B\n"))).toEqual({ ok: false, error: "noOrgColumn" });
  });

  it("reads an e-mail and language column for invitations; a mistyped address holds the row back", () => {
    const p = parseCustomerCsv(
      utf8("orgnr;navn;E-post;Språk\n310904473;Bakeriet AS;Post@Bakeriet.NO;English\n313469999;Sjø AS;post@;nb\n"),
    );
    expect(rowsOf(p)).toEqual([
      { line: 2, orgNo: "310904473", name: "Bakeriet AS", ref: null, email: "post@bakeriet.no", locale: "en" },
      { line: 3, orgNo: "313469999", name: "Sjø AS", ref: null, email: "post@", locale: "nb", error: "email" },
    ]);
    // Without a header the fourth and fifth columns; an unknown language is simply not said.
    expect(rowsOf(parseCustomerCsv(utf8("310904473,Bakeriet AS,K-1,post@bakeriet.no,svensk\n")))).toEqual([
      { line: 1, orgNo: "310904473", name: "Bakeriet AS", ref: "K-1", email: "post@bakeriet.no" },
    ]);
  });
});
