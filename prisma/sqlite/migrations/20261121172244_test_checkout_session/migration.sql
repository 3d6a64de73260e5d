-- CreateTable
CREATE TABLE "TestCheckoutSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idempotencyKey" TEXT NOT NULL,
    "amountTotal" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "productName" TEXT NOT NULL,
    "metadata" TEXT NOT NULL DEFAULT '{}',
    "clientReferenceId" TEXT,
    "customerEmail" TEXT,
    "successUrl" TEXT NOT NULL,
    "cancelUrl" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "paymentStatus" TEXT NOT NULL DEFAULT 'unpaid',
    "paymentIntentId" TEXT,
    "refundedCents" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "TestCheckoutSession_idempotencyKey_key" ON "TestCheckoutSession"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "TestCheckoutSession_paymentIntentId_key" ON "TestCheckoutSession"("paymentIntentId");
