-- AlterTable
ALTER TABLE "ShowAttendance" ADD COLUMN "startPeakViewers" INTEGER;
