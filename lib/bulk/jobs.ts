import "server-only";
import type { Scope } from "@/lib/environments/types";
import { auditActor } from "@/lib/audit/actor";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { AppError, invalidInput, notFound, type LocalizedText } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { parseCustomerCsv, type FileError } from "@/lib/bulk/parse-csv";
import { attachCustomers } from "@/lib/bulk/store";
import { attachContacts } from "@/lib/bulk/contacts";
import { bulkUploadSchema } from "@/lib/bulk/schema";

const jobNotFound = () => notFound({ nb: "masseopprettelsen", en: "Bulk job" });

const FILE_ERRORS: Record<FileError, LocalizedText> = {
  empty: { nb: "Filen har ingen kunder.", en: "The file has no customers." },
  binary: {
    nb: "Filen er ikke en CSV-tekstfil (lagre som CSV fra regnearket).",
    en: "The file is not a CSV text file (save as CSV from the spreadsheet).",
  },
  tooLarge: { nb: "Filen er for stor (høyst 1 MB).", en: "The file is too large (at most 1 MB)." },
  tooManyRows: { nb: "Høyst 5000 kunder per fil.", en: "At most 5000 customers per file." },
  noOrgColumn: {
    nb: "Fant ingen kolonne for organisasjonsnummer i overskriftsraden.",
    en: "No organisation number column in the header row.",
  },
};

/**
 * Reads the file and stores it as a draft job with one row per line, each judged on its own (bad or
 * duplicate org number, already connected). Nothing is sent to Altinn until the job is started.
 */
export async function previewBulkUpload(
  scope: Scope,
  raw: { systemId: unknown; fileName: unknown },
  bytes: Uint8Array,
) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "requests.create");
  const input = bulkUploadSchema.safeParse(raw);
  if (!input.success) throw invalidInput(input.error);
  const parsed = parseCustomerCsv(bytes);
  if (!parsed.ok) throw new AppError(`bulk_file_${parsed.error}`, FILE_ERRORS[parsed.error], 400);
  const system = await db.system.findFirst({
    where: { id: input.data.systemId, environmentId },
    select: { id: true, systemId: true, altinnInternalId: true, deletedAt: true },
  });
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  if (!system.altinnInternalId || system.deletedAt) {
    throw new AppError(
      "system_not_registered",
      { nb: "Velg et system som er registrert i Altinn.", en: "Choose a system that is registered in Altinn." },
      409,
    );
  }
  const valid = parsed.rows.filter((r) => !r.error).map((r) => r.orgNo);
  const connected = new Set(
    (
      await db.systemUser.findMany({
        where: { systemId: system.id, customer: { environmentId, orgNo: { in: valid } } },
        select: { customer: { select: { orgNo: true } } },
      })
    ).map((u) => u.customer.orgNo),
  );
  return db.$transaction(async (tx) => {
    const job = await tx.bulkJob.create({
      data: {
        environmentId,
        systemId: system.id,
        fileName: input.data.fileName,
        createdById: actor.id,
        createdByLabel: actor.email,
      },
      select: { id: true },
    });
    await tx.bulkRow.createMany({
      data: parsed.rows.map((r) => {
        const error = r.error ?? (connected.has(r.orgNo) ? "connected" : null);
        return {
          jobId: job.id,
          line: r.line,
          orgNo: r.orgNo,
          name: r.name,
          ref: r.ref,
          email: r.email ?? null,
          locale: r.locale ?? null,
          status: error ? ("invalid" as const) : ("pending" as const),
          errorCode: error,
          errorMessage: r.duplicateOf ? { duplicateOf: r.duplicateOf } : undefined,
        };
      }),
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "bulk.upload",
        target: { type: "bulk_job", id: job.id },
        outcome: "success",
        environmentId,
        detail: {
          fileName: input.data.fileName,
          systemId: system.systemId,
          rows: parsed.rows.length,
          invalid: parsed.rows.length - valid.length + connected.size,
          separator: parsed.separator,
          encoding: parsed.encoding,
        },
      },
      tx,
    );
    return { id: job.id };
  });
}

/** Creates every customer in one statement and hands the job to the workers (the caller kicks the queue). */
export async function startBulkJob(scope: Scope, jobId: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "requests.create");
  if (!isUuid(jobId)) throw jobNotFound();
  return db.$transaction(async (tx) => {
    const job = await tx.bulkJob.findFirst({
      where: { id: jobId, environmentId },
      select: { status: true, fileName: true, system: { select: { systemId: true } } },
    });
    if (!job) throw jobNotFound();
    const flipped = await tx.bulkJob.updateMany({
      where: { id: jobId, status: "draft" },
      data: { status: "running", startedAt: new Date() },
    });
    if (flipped.count === 0)
      throw new AppError(
        "bulk_not_draft",
        { nb: "Jobben er allerede startet eller avbrutt.", en: "The job has already been started or cancelled." },
        409,
      );
    const rows = await tx.bulkRow.count({ where: { jobId, status: "pending" } });
    if (rows === 0)
      throw new AppError(
        "bulk_no_rows",
        { nb: "Filen har ingen gyldige kunder å starte med.", en: "The file has no valid customers to start with." },
        400,
      );
    const newCustomers = await attachCustomers(tx, jobId, environmentId);
    const contacts = await attachContacts(tx, jobId);
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "bulk.start",
        target: { type: "bulk_job", id: jobId },
        outcome: "success",
        environmentId,
        detail: { fileName: job.fileName, systemId: job.system.systemId, rows, newCustomers, contacts },
      },
      tx,
    );
    return { rows, newCustomers };
  });
}

/** Rows not yet started are cancelled; a row already at Altinn finishes, so no request is left unrecorded. */
export async function cancelBulkJob(scope: Scope, jobId: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "requests.create");
  if (!isUuid(jobId)) throw jobNotFound();
  return db.$transaction(async (tx) => {
    const job = await tx.bulkJob.findFirst({
      where: { id: jobId, environmentId },
      select: { status: true, system: { select: { systemId: true } } },
    });
    if (!job) throw jobNotFound();
    const now = new Date();
    const flipped = await tx.bulkJob.updateMany({
      where: { id: jobId, status: { in: ["draft", "running"] } },
      data: { status: "cancelled", cancelledAt: now },
    });
    if (flipped.count === 0)
      throw new AppError(
        "bulk_not_running",
        { nb: "Jobben er allerede ferdig eller avbrutt.", en: "The job has already finished or been cancelled." },
        409,
      );
    const cancelled = await tx.bulkRow.updateMany({
      where: { jobId, status: "pending" },
      data: { status: "cancelled", updatedAt: now },
    });
    const working = await tx.bulkRow.count({ where: { jobId, status: "working" } });
    if (working === 0) await tx.bulkJob.update({ where: { id: jobId }, data: { finishedAt: now } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "bulk.cancel",
        target: { type: "bulk_job", id: jobId },
        outcome: "success",
        environmentId,
        subject: { systemId: job.system.systemId },
        detail: { cancelledRows: cancelled.count, stillWorking: working, wasDraft: job.status === "draft" },
      },
      tx,
    );
    return { cancelledRows: cancelled.count };
  });
}
