import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The e-mail contacts a bulk file carries, set on its customers when the job starts (in the start's
 * transaction, so a job never runs with half its contacts). The file is the vendor's newest word on who to
 * write to, so an address given there replaces the customer's; a language only when the file gives one.
 * Whether reminders were stopped is the customer's own choice and stays as it is. Returns the count set.
 */
export async function attachContacts(tx: Prisma.TransactionClient, jobId: string): Promise<number> {
  return tx.$executeRawUnsafe(
    `INSERT INTO customer_mail_contacts ("customerId", email, locale, "updatedAt")
     SELECT b."customerId", b.email,
            COALESCE(b.locale, (SELECT c.locale FROM customer_mail_contacts c WHERE c."customerId" = b."customerId"), 'nb'),
            now()
     FROM bulk_rows b
     WHERE b."jobId" = $1::uuid AND b.status = 'pending' AND b.email IS NOT NULL AND b."customerId" IS NOT NULL
     ON CONFLICT ("customerId") DO UPDATE SET email = EXCLUDED.email, locale = EXCLUDED.locale, "updatedAt" = now()
       WHERE customer_mail_contacts.email IS DISTINCT FROM EXCLUDED.email
          OR customer_mail_contacts.locale IS DISTINCT FROM EXCLUDED.locale`,
    jobId,
  );
}
