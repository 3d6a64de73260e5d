-- AlterTable
ALTER TABLE "Event" ADD COLUMN "encoderGoneAt" DATETIME;
