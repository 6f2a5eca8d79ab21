import "server-only";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { notFound, type LocalizedText } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { toCsv } from "@/lib/core/csv";
import { onboardingLink } from "@/lib/onboarding/public-url";
import type { Locale } from "@/lib/i18n";

const HEADER = ["line", "orgNo", "name", "ref", "result", "requestStatus", "confirmUrl", "onboardingLink", "message"];

const ROW_ERRORS: Record<string, LocalizedText> = {
  missing: { nb: "Mangler organisasjonsnummer", en: "Organisation number missing" },
  format: { nb: "Organisasjonsnummeret må ha 9 sifre", en: "The organisation number must have 9 digits" },
  checksum: { nb: "Kontrollsifferet stemmer ikke", en: "The check digit does not match" },
  duplicate: { nb: "Står flere ganger i filen", en: "Listed more than once in the file" },
  email: { nb: "E-postadressen er ikke gyldig", en: "The e-mail address is not valid" },
  connected: { nb: "Har allerede en systembruker for systemet", en: "Already has a system user for the system" },
  cancelled: { nb: "Avbrutt før start", en: "Cancelled before it started" },
};

/** The row's message: our own reason, or Altinn's explained error as stored. */
export function rowMessage(
  row: { status: string; errorCode: string | null; errorMessage: unknown },
  locale: Locale,
): string {
  if (row.status === "cancelled") return ROW_ERRORS.cancelled?.[locale] ?? "";
  const own = row.errorCode ? ROW_ERRORS[row.errorCode] : undefined;
  if (own) {
    const dup =
      row.errorMessage && typeof row.errorMessage === "object" && "duplicateOf" in row.errorMessage
        ? String(row.errorMessage.duplicateOf)
        : null;
    return dup ? `${own[locale]} (${locale === "nb" ? "linje" : "line"} ${dup})` : own[locale];
  }
  const m =
    row.errorMessage && typeof row.errorMessage === "object" && locale in row.errorMessage
      ? (row.errorMessage as Record<string, unknown>)[locale]
      : null;
  return typeof m === "string" ? m : (row.errorCode ?? "");
}

/**
 * One line per uploaded line: what happened, and what to send the customer: the confirm link of a
 * request still waiting, or else the system's public onboarding page.
 */
export async function bulkResultCsv(
  scope: Scope,
  id: string,
  locale: Locale,
): Promise<{ csv: string; fileName: string }> {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "customers.export");
  const job = isUuid(id)
    ? await db.bulkJob.findFirst({
        where: { id, environmentId },
        select: {
          id: true,
          fileName: true,
          environment: { select: { slug: true } },
          system: { select: { systemId: true, openOnboarding: true } },
        },
      })
    : null;
  if (!job) throw notFound({ nb: "masseopprettelsen", en: "Bulk job" });
  const rows = await db.bulkRow.findMany({ where: { jobId: job.id }, orderBy: { line: "asc" } });
  const requests = new Map(
    (
      await db.systemUserRequest.findMany({
        where: { id: { in: rows.flatMap((r) => (r.requestId ? [r.requestId] : [])) } },
        select: { id: true, status: true, confirmUrl: true },
      })
    ).map((r) => [r.id, r]),
  );
  const publicLink = onboardingLink(job.environment.slug, job.system.systemId);
  const lines = rows.map((r) => {
    const request = r.requestId ? requests.get(r.requestId) : undefined;
    const result =
      r.status === "done" ? (r.existed ? "existing" : "created") : r.status === "working" ? "pending" : r.status;
    const confirmUrl = request?.status === "New" ? request.confirmUrl : "";
    // No link for a bad org number or a customer who already said yes; else the public page, if it is open
    // (a closed one is a 404, ADR 018).
    const needsLink =
      job.system.openOnboarding && !confirmUrl && r.status !== "invalid" && request?.status !== "Accepted";
    return [
      r.line,
      r.orgNo,
      r.name,
      r.ref,
      result,
      request?.status ?? "",
      confirmUrl,
      needsLink ? publicLink : "",
      rowMessage(r, locale),
    ];
  });
  const base =
    job.fileName
      .replace(/\.csv$/i, "")
      .replace(/[^\w.-]+/g, "_")
      .slice(0, 60) || "bulk";
  const fileName = `${base}-result.csv`;
  // The file carries every line's org number and confirm link: its download is on record like the customers export.
  await recordAudit({
    actor: auditActor(actor),
    action: "bulk.result_export",
    target: { type: "bulk_job", id: job.id },
    outcome: "success",
    environmentId,
    subject: { systemId: job.system.systemId },
    detail: { format: "csv", rows: lines.length, fileName },
  });
  return { csv: toCsv(HEADER, lines), fileName };
}
