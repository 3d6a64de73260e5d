-- CreateTable
CREATE TABLE "FleetCertificate" (
    "zone" TEXT NOT NULL PRIMARY KEY,
    "accountKeyPem" TEXT NOT NULL,
    "certPem" TEXT NOT NULL DEFAULT '',
    "keyPem" TEXT NOT NULL DEFAULT '',
    "notAfter" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
