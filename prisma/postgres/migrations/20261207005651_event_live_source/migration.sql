-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "liveSource" TEXT;
