-- CreateTable
CREATE TABLE "AutoscalerLease" (
    "id" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutoscalerLease_pkey" PRIMARY KEY ("id")
);
