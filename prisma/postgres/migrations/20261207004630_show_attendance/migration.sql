-- CreateTable
CREATE TABLE "ShowAttendance" (
    "eventId" TEXT NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "ticketsSold" INTEGER NOT NULL,
    "peakViewers" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShowAttendance_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "ShowAttendance_seriesKey_startsAt_idx" ON "ShowAttendance"("seriesKey", "startsAt");
