import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { addOrganisations } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedSystem } from "../seed";

// A bulk file's e-mail and language columns become the customers' mail contacts when the job starts, so
// "send invitation" on the result page reaches customers created by the file. Block 8 of the bulk suite's block.
const [FRESH, KNOWN, TYPO, NONE] = orgNumbers(4, ORG_BLOCKS.bulk + 8 * 100_000);
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);

export function bulkContactsTests(ref: PortalRef) {
  const state = { systemRowId: "" };
  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [FRESH, KNOWN, TYPO, NONE].map(String));
    state.systemRowId = (await seedSystem(p, { prefix: "bulkcontact" })).id;
  });

  it("sets each customer's contact from the file at start; a mistyped address holds its row back", async () => {
    const p = ref();
    const jobs = await import("@/lib/bulk/jobs");
    const { rowMessage } = await import("@/lib/bulk/result");
    // KNOWN is a customer already, with a contact in English that the file replaces (address only).
    const known = await p.db.customer.create({
      data: { environmentId: p.environmentId, orgNo: KNOWN ?? "", externalRef: `bc-${KNOWN}` },
    });
    await p.db.customerMailContact.create({ data: { customerId: known.id, email: "old@known.no", locale: "en" } });
    const { id } = await jobs.previewBulkUpload(
      p.scope(p.actors.operator),
      { systemId: state.systemRowId, fileName: "kontakter.csv" },
      csv([
        "orgnr;navn;e-post;språk",
        `${FRESH};Fersk AS;Post@Fersk.no;engelsk`,
        `${KNOWN};Kjent AS;ny@known.no;`,
        `${TYPO};Skrivefeil AS;post@skrivefeil;nb`,
        `${NONE};Uten AS;;`,
      ]),
    );
    const typo = await p.db.bulkRow.findFirstOrThrow({ where: { jobId: id, orgNo: TYPO } });
    expect(typo.status).toBe("invalid");
    expect(rowMessage(typo, "nb")).toBe("E-postadressen er ikke gyldig");
    // Nothing is set before the job starts: a preview that is thrown away changes no customer.
    expect(await p.db.customerMailContact.findUnique({ where: { customerId: known.id } })).toMatchObject({
      email: "old@known.no",
    });

    await jobs.startBulkJob(p.scope(p.actors.operator), id);
    const contactOf = async (orgNo: string | undefined) =>
      p.db.customerMailContact.findFirst({
        where: { customer: { environmentId: p.environmentId, orgNo } },
        select: { email: true, locale: true },
      });
    expect(await contactOf(FRESH)).toEqual({ email: "post@fersk.no", locale: "en" });
    expect(await contactOf(KNOWN)).toEqual({ email: "ny@known.no", locale: "en" });
    expect(await contactOf(NONE)).toBeNull();
    expect(await p.db.customer.findFirst({ where: { environmentId: p.environmentId, orgNo: TYPO } })).toBeNull();
    const start = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "bulk.start", targetId: id },
      select: { detail: true },
    });
    expect(start.detail).toMatchObject({ contacts: 2, newCustomers: 2 });
  });
}
