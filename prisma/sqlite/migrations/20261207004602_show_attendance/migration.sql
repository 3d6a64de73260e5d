-- CreateTable
CREATE TABLE "ShowAttendance" (
    "eventId" TEXT NOT NULL PRIMARY KEY,
    "seriesKey" TEXT NOT NULL,
    "ticketsSold" INTEGER NOT NULL,
    "peakViewers" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ShowAttendance_seriesKey_startsAt_idx" ON "ShowAttendance"("seriesKey", "startsAt");
