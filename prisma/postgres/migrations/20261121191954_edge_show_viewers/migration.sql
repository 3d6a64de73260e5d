-- AlterTable
ALTER TABLE "Edge" ADD COLUMN     "showViewers" TEXT NOT NULL DEFAULT '{}';
