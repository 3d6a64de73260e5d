-- AlterTable
ALTER TABLE "Event" ADD COLUMN "posterKey" TEXT;
