-- CreateTable
CREATE TABLE "CancellationRefund" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "refundId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CancellationRefund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CancellationRefund_ticketId_key" ON "CancellationRefund"("ticketId");

-- CreateIndex
CREATE INDEX "CancellationRefund_eventId_status_idx" ON "CancellationRefund"("eventId", "status");

-- CreateIndex
CREATE INDEX "CancellationRefund_status_nextAttemptAt_idx" ON "CancellationRefund"("status", "nextAttemptAt");
