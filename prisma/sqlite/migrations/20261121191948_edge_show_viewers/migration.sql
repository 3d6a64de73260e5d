-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Edge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerId" TEXT,
    "region" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'creating',
    "baseUrl" TEXT,
    "ipv4" TEXT,
    "hourlyCostCents" INTEGER NOT NULL,
    "viewers" INTEGER NOT NULL DEFAULT 0,
    "showViewers" TEXT NOT NULL DEFAULT '{}',
    "healthFailures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" DATETIME,
    "lastHealthAt" DATETIME,
    "drainStartedAt" DATETIME,
    "deletedAt" DATETIME
);
INSERT INTO "new_Edge" ("baseUrl", "createdAt", "deletedAt", "drainStartedAt", "healthFailures", "hourlyCostCents", "id", "ipv4", "label", "lastHealthAt", "plan", "provider", "providerId", "readyAt", "region", "status", "viewers") SELECT "baseUrl", "createdAt", "deletedAt", "drainStartedAt", "healthFailures", "hourlyCostCents", "id", "ipv4", "label", "lastHealthAt", "plan", "provider", "providerId", "readyAt", "region", "status", "viewers" FROM "Edge";
DROP TABLE "Edge";
ALTER TABLE "new_Edge" RENAME TO "Edge";
CREATE UNIQUE INDEX "Edge_label_key" ON "Edge"("label");
CREATE INDEX "Edge_status_idx" ON "Edge"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
