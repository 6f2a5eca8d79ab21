-- AlterTable
ALTER TABLE "bulk_rows" ADD COLUMN     "email" TEXT,
ADD COLUMN     "locale" TEXT;

