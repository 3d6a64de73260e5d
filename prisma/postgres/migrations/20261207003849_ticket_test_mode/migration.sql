-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "testMode" BOOLEAN NOT NULL DEFAULT false;
