-- AlterTable
ALTER TABLE "AutoscalerLease" ADD COLUMN     "token" INTEGER NOT NULL DEFAULT 0;
