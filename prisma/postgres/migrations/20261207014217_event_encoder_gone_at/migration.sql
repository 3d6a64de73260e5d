-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "encoderGoneAt" TIMESTAMP(3);
