import { describe, expect, it } from "vitest";
import { escapeCsvCell, toCsv } from "@/lib/core/csv";

describe("CSV export cells", () => {
  it.each(['=HYPERLINK("http://x")', "+47 22", "-1+1", "@SUM(A1)", "\tx", "\rx"])(
    "neutralises a formula start: %j",
    (cell) => {
      expect(escapeCsvCell(cell)).toBe(`"'${cell.replace(/"/g, '""')}"`);
    },
  );

  it("leaves ordinary text alone apart from quoting, and doubles quotes", () => {
    expect(escapeCsvCell("Fjord AS")).toBe('"Fjord AS"');
    expect(escapeCsvCell('Say "hei", then go')).toBe('"Say ""hei"", then go"');
    expect(escapeCsvCell("a=b")).toBe('"a=b"');
    expect(escapeCsvCell(null)).toBe('""');
    expect(escapeCsvCell(310904473)).toBe('"310904473"');
  });

  it("joins rows with CRLF and keeps a newline inside a cell", () => {
    expect(toCsv(["a", "b"], [["1", "x\ny"]])).toBe('"a","b"\r\n"1","x\ny"\r\n');
  });
});
