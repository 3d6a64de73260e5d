-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AutoscalerLease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "token" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_AutoscalerLease" ("expiresAt", "holder", "id", "updatedAt") SELECT "expiresAt", "holder", "id", "updatedAt" FROM "AutoscalerLease";
DROP TABLE "AutoscalerLease";
ALTER TABLE "new_AutoscalerLease" RENAME TO "AutoscalerLease";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
