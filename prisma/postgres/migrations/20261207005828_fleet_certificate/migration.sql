-- CreateTable
CREATE TABLE "FleetCertificate" (
    "zone" TEXT NOT NULL,
    "accountKeyPem" TEXT NOT NULL,
    "certPem" TEXT NOT NULL DEFAULT '',
    "keyPem" TEXT NOT NULL DEFAULT '',
    "notAfter" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FleetCertificate_pkey" PRIMARY KEY ("zone")
);
