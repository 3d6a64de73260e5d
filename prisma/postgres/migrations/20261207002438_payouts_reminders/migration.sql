-- CreateTable
CREATE TABLE "ConnectedAccount" (
    "userId" TEXT NOT NULL,
    "stripeAccountId" TEXT NOT NULL,
    "chargesEnabled" BOOLEAN NOT NULL DEFAULT false,
    "payoutsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "detailsSubmitted" BOOLEAN NOT NULL DEFAULT false,
    "requirementsDue" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectedAccount_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "EventSettlement" (
    "eventId" TEXT NOT NULL,
    "settledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledById" TEXT,

    CONSTRAINT "EventSettlement_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "Payout" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "hostUserId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "idempotencyKey" TEXT NOT NULL,
    "stripeAccountId" TEXT NOT NULL,
    "transferId" TEXT,
    "reversedCents" INTEGER NOT NULL DEFAULT 0,
    "failureMessage" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Payout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutReversal" (
    "id" TEXT NOT NULL,
    "ledgerEntryId" TEXT NOT NULL,
    "hostUserId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "payoutId" TEXT,
    "amountCents" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "idempotencyKey" TEXT,
    "reversalId" TEXT,
    "failureMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayoutReversal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShowReminder" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ShowReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderOptOut" (
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderOptOut_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConnectedAccount_stripeAccountId_key" ON "ConnectedAccount"("stripeAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Payout_idempotencyKey_key" ON "Payout"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Payout_transferId_key" ON "Payout"("transferId");

-- CreateIndex
CREATE INDEX "Payout_status_idx" ON "Payout"("status");

-- CreateIndex
CREATE INDEX "Payout_eventId_idx" ON "Payout"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Payout_hostUserId_seq_key" ON "Payout"("hostUserId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutReversal_ledgerEntryId_key" ON "PayoutReversal"("ledgerEntryId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutReversal_idempotencyKey_key" ON "PayoutReversal"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutReversal_reversalId_key" ON "PayoutReversal"("reversalId");

-- CreateIndex
CREATE INDEX "PayoutReversal_hostUserId_idx" ON "PayoutReversal"("hostUserId");

-- CreateIndex
CREATE INDEX "PayoutReversal_status_idx" ON "PayoutReversal"("status");

-- CreateIndex
CREATE INDEX "ShowReminder_eventId_idx" ON "ShowReminder"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "ShowReminder_ticketId_kind_key" ON "ShowReminder"("ticketId", "kind");
