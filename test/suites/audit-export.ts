import { expect, it } from "vitest";
import { hashEvent } from "@/lib/audit/chain";
import { detailView } from "@/lib/audit/diff";
import { CSV_HEADER, type ExportedEvent } from "@/lib/audit/export-format";
import type { PortalRef } from "../flow-suite";
import { addOrganisations, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { O3, oracle, TRICKY_DETAIL, TRICKY_LABEL, type World } from "./audit-search-seed";

// The export (lib/audit/export.ts) read as a client reads it, and the event page's data.

const [CUSTOMER = ""] = orgNumbers(1, ORG_BLOCKS.auditUi + 1000);

/** Every chunk of a stream, as text, read one at a time. */
async function chunks(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const reader = body.getReader();
  // Keeps the BOM, which is part of what is sent.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const out: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(decoder.decode(value));
  }
}

/** RFC 4180: quoted cells with "" for a quote, CRLF between rows (and inside quotes, kept). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

async function load() {
  return { exp: await import("@/lib/audit/export"), search: await import("@/lib/audit/search") };
}

export function auditExportTests(ref: PortalRef, world: () => World) {
  it("streams CSV in batches, one row per event oldest first, escaped against formulas, and audits it first", async () => {
    const p = ref();
    const w = world();
    const { exp } = await load();
    const expected = (await oracle(p, w, { orgNumber: O3 })).reverse();
    const file = await exp.exportAuditLog(w.inS(), { org: O3 }, "csv", { batch: 7 });
    expect(file.fileName).toMatch(new RegExp(`^audit-${w.s.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    // On record before a byte is read: who, which format, which filters.
    const recorded = await p.db.auditEvent.findFirstOrThrow({ where: { chain: w.s.id }, orderBy: { seq: "desc" } });
    expect(recorded).toMatchObject({
      action: "audit.export",
      actorId: p.actors.auditor.id,
      outcome: "success",
      detail: { format: "csv", filters: { org: O3 } },
    });
    const parts = await chunks(file.body);
    // The header, then one chunk per batch of at most 7 events.
    expect(parts).toHaveLength(1 + Math.ceil(expected.length / 7));
    expect(parts.slice(1).every((c) => c.split("\r\n").length - 1 <= 7)).toBe(true);
    const text = parts.join("");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...CSV_HEADER]);
    expect(rows.map((r) => r[0])).toEqual(expected);
    const tricky = rows.find((r) => r[6] === `'${TRICKY_LABEL}`);
    expect(tricky, "the label starting with = is defused with a quote").toBeDefined();
    expect(JSON.parse(tricky?.[14] ?? "")).toEqual(TRICKY_DETAIL);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    // The export's own event is not in the file: it covers the log as it was when asked.
    expect(rows.map((r) => r[0])).not.toContain(recorded.seq.toString());
  });

  it("streams JSON Lines that parse, each with chain, place and hashes that recompute", async () => {
    const p = ref();
    const w = world();
    const { exp } = await load();
    const expected = (await oracle(p, w, { systemId: "991825827_auditsearch-b" })).reverse();
    const file = await exp.exportAuditLog(w.inS(), { system: "991825827_auditsearch-b" }, "jsonl", { batch: 10 });
    expect(file.contentType).toBe("application/jsonl; charset=utf-8");
    const text = (await chunks(file.body)).join("");
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    const events = lines.map((l) => JSON.parse(l) as ExportedEvent & { seq: string; prevHash: string; hash: string });
    expect(events.map((e) => e.seq)).toEqual(expected);
    for (const e of events) {
      expect(e).toMatchObject({ chain: w.s.id, systemId: "991825827_auditsearch-b" });
      expect(e.chainSeq).toMatch(/^\d+$/);
      expect(hashEvent(e.prevHash, e), `event ${e.seq}`).toBe(e.hash);
    }
    const recorded = await p.db.auditEvent.findFirstOrThrow({ where: { chain: w.s.id }, orderBy: { seq: "desc" } });
    expect(recorded.detail).toEqual({ format: "jsonl", filters: { system: "991825827_auditsearch-b" } });
  });

  it("exports nothing but the header when nothing matches, and refuses operators", async () => {
    const p = ref();
    const w = world();
    const { exp } = await load();
    const empty = await exp.exportAuditLog(w.inS(), { from: "2099-01-01" }, "csv");
    expect((await chunks(empty.body)).join("")).toBe(`\uFEFF${CSV_HEADER.map((h) => `"${h}"`).join(",")}\r\n`);
    const before = await p.db.auditEvent.count();
    await expectAppError(exp.exportAuditLog(w.inS(p.actors.operator), {}, "csv"), "forbidden", 403);
    expect(await p.db.auditEvent.count()).toBe(before);
  });

  it("shows a customer change with its fields before and after, found by the customer's org number", async () => {
    const p = ref();
    const w = world();
    const { search } = await load();
    await addOrganisations(p, [CUSTOMER]);
    const operatorInS = p.scope(p.actors.operator, w.s);
    const created = await p.m.customers.createCustomer(operatorInS, {
      orgNo: CUSTOMER,
      name: "Gamle Navn AS",
      notes: "",
      tags: "a",
    });
    await p.m.customers.updateCustomer(operatorInS, { id: created.id, name: "Nye Navn AS", notes: "", tags: "a, b" });
    const { events } = await search.searchAuditEvents(w.inS(), { org: CUSTOMER });
    expect(events.map((e) => e.action)).toEqual(["customer.update", "customer.create"]);
    const event = await search.getAuditEvent(w.inS(), events[0]?.seq ?? "");
    expect(event).toMatchObject({ orgNumber: CUSTOMER, targetId: created.id, chain: w.s.id });
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(detailView(event.detail).changes).toEqual([
      { field: "name", kind: "changed", before: "Gamle Navn AS", after: "Nye Navn AS" },
      { field: "tags", kind: "changed", before: ["a"], after: ["a", "b"] },
    ]);
    for (const junk of ["0", "abc", "1e3", "99999999999999999"])
      await expectAppError(search.getAuditEvent(w.inS(), junk), "not_found", 404);
  });
}
