import { z } from "zod";
import { isValidOrgNo, normalizeOrgNo } from "@/lib/core/orgno";

// Reads the customer list a vendor exports from a spreadsheet or an ERP: UTF-8 with or without BOM,
// UTF-16 ("Unicode text"), or Windows-1252 (Excel's "CSV" on Norwegian Windows); `;`, `,` or tab
// separated; with or without a header row. Every row is judged on its own so one bad line never hides
// the rest.

export const MAX_ROWS = 5000;
export const MAX_BYTES = 1_000_000;

export type RowError = "missing" | "format" | "checksum" | "duplicate" | "email";
export type ParsedRow = {
  line: number;
  orgNo: string;
  name: string | null;
  ref: string | null;
  /** The contact invitations and reminders go to (an optional column), lower-cased. */
  email?: string;
  /** The contact's language for mail, when the file says (nb or en). */
  locale?: "nb" | "en";
  error?: RowError;
  duplicateOf?: number;
};
export type FileError = "empty" | "binary" | "tooLarge" | "tooManyRows" | "noOrgColumn";
export type Parsed =
  | {
      ok: true;
      rows: ParsedRow[];
      separator: "," | ";" | "\t";
      header: boolean;
      encoding: "utf-8" | "utf-16" | "windows-1252";
    }
  | { ok: false; error: FileError };

function decode(bytes: Uint8Array): { text: string; encoding: "utf-8" | "utf-16" | "windows-1252" } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16" };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.subarray(start).includes(0)) return null; // NUL bytes: a spreadsheet file, not text
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start)), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** RFC 4180 records: quoted cells may hold separators, quotes ("") and line breaks. */
function records(text: string, sep: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === sep) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      out.push({ line: startLine, cells });
      cells = [];
      cell = "";
      line++;
      startLine = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    out.push({ line: startLine, cells });
  }
  return out.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

function detectSeparator(text: string): "," | ";" | "\t" {
  const first = text.split(/\r?\n|\r/).find((l) => l.trim() !== "") ?? "";
  const unquoted = first.replace(/"[^"]*"/g, "");
  const count = (c: string) => unquoted.split(c).length - 1;
  const best = ([";", ",", "\t"] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ",";
}

const HEADER_NAMES = {
  orgNo: /^(org|orgnr|orgno|orgnumber|organisasjonsnummer|organisasjonsnr|organizationnumber|organisationnumber)$/,
  name: /^(navn|name|kundenavn|customername|firmanavn|company)$/,
  ref: /^(ref|referanse|reference|kundenr|kundenummer|customerno|customerid|id|externalref)$/,
  email: /^(epost|epostadresse|email|emailaddress|mail|kontaktepost|contactemail)$/,
  locale: /^(språk|sprak|language|lang|locale|målform)$/,
};
const EMAIL = z.string().max(254).pipe(z.email());
/** nb for bokmål/norsk (and nynorsk: the templates are bokmål), en for English; anything else: not said. */
function readLocale(v: string | null): "nb" | "en" | undefined {
  const s = v?.toLowerCase() ?? "";
  if (/^(nb|no|nn|nob|nor|norsk|bokmål|bokmal|nynorsk|norwegian)$/.test(s)) return "nb";
  if (/^(en|eng|english|engelsk)$/.test(s)) return "en";
  return undefined;
}
const squash = (s: string) => s.toLowerCase().replace(/[^a-zæøå]/g, "");

export function parseCustomerCsv(bytes: Uint8Array): Parsed {
  if (bytes.length > MAX_BYTES) return { ok: false, error: "tooLarge" };
  const decoded = decode(bytes);
  if (!decoded) return { ok: false, error: "binary" };
  const separator = detectSeparator(decoded.text);
  const all = records(decoded.text, separator);
  if (all.length === 0) return { ok: false, error: "empty" };
  const firstCell = normalizeOrgNo(all[0]?.cells[0]?.trim() ?? "");
  // A first row whose first cell has letters is a header; an org number (valid or not) is data.
  const header = /[a-zæøå]/i.test(firstCell);
  // Without a header: org number, name, reference, e-mail, language.
  let cols = { orgNo: 0, name: 1, ref: 2, email: 3, locale: 4 };
  if (header) {
    const names = (all[0]?.cells ?? []).map(squash);
    const find = (re: RegExp) => names.findIndex((n) => re.test(n));
    const orgNo = find(HEADER_NAMES.orgNo);
    if (orgNo < 0) return { ok: false, error: "noOrgColumn" };
    cols = {
      orgNo,
      name: find(HEADER_NAMES.name),
      ref: find(HEADER_NAMES.ref),
      email: find(HEADER_NAMES.email),
      locale: find(HEADER_NAMES.locale),
    };
  }
  const data = header ? all.slice(1) : all;
  if (data.length === 0) return { ok: false, error: "empty" };
  if (data.length > MAX_ROWS) return { ok: false, error: "tooManyRows" };
  const seen = new Map<string, number>();
  const cell = (cells: string[], i: number, max: number) => (i < 0 ? null : cells[i]?.trim().slice(0, max) || null);
  const rows = data.map(({ line, cells }): ParsedRow => {
    const orgNo = normalizeOrgNo(cells[cols.orgNo]?.trim() ?? "");
    const row: ParsedRow = { line, orgNo, name: cell(cells, cols.name, 200), ref: cell(cells, cols.ref, 100) };
    const email = cell(cells, cols.email, 300)?.toLowerCase();
    const locale = readLocale(cell(cells, cols.locale, 20));
    if (email) row.email = email;
    if (locale) row.locale = locale;
    if (orgNo === "") return { ...row, error: "missing" };
    if (!/^\d{9}$/.test(orgNo)) return { ...row, error: "format" };
    if (!isValidOrgNo(orgNo)) return { ...row, error: "checksum" };
    // A mistyped address would send the invitation nowhere: the row waits for a corrected file.
    if (email && !EMAIL.safeParse(email).success) return { ...row, error: "email" };
    const earlier = seen.get(orgNo);
    if (earlier !== undefined) return { ...row, error: "duplicate", duplicateOf: earlier };
    seen.set(orgNo, line);
    return row;
  });
  return { ok: true, rows, separator, header, encoding: decoded.encoding };
}
