import { randomBytes, createHash } from "node:crypto";
import { AppError } from "@limelight/domain";
import { type Db, type TestCheckoutSessionModel as TestCheckoutSession } from "@limelight/db";
import {
  type ChargeInfo,
  type CheckoutSessionInfo,
  type CreateCheckoutSessionInput,
  type PaymentProvider,
  type RefundInfo,
  type RefundInput,
} from "./payment-provider";

/**
 * The built-in payment provider of test mode (no STRIPE_SECRET_KEY): Checkout
 * Sessions live in the TestCheckoutSession table and are paid on our own page
 * `/test-checkout/<id>` (which says "Test mode"). Paying there delivers a
 * `checkout.session.completed` webhook signed with the real stripe library to
 * the same handler as real webhooks. Behaves like Stripe where we rely on it:
 * idempotent creates (same key + different amount → CONFLICT), lazy expiry at
 * `expires_at`, expire only while open, refunds never exceed the payment.
 */
export class TestModePaymentProvider implements PaymentProvider {
  readonly testMode = true;

  constructor(
    private readonly db: Db,
    private readonly appUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createCheckoutSession(input: CreateCheckoutSessionInput): Promise<CheckoutSessionInfo> {
    const existing = await this.db.testCheckoutSession.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
    if (existing) {
      if (existing.amountTotal !== input.amountCents || existing.currency !== input.currency) {
        throw new AppError("CONFLICT", "Idempotency key reused with different parameters");
      }
      return this.toInfo(existing);
    }
    const row = await this.db.testCheckoutSession.create({
      data: {
        id: `cs_test_${randomBytes(12).toString("hex")}`,
        idempotencyKey: input.idempotencyKey,
        amountTotal: input.amountCents,
        currency: input.currency,
        productName: input.productName,
        metadata: JSON.stringify(input.metadata),
        clientReferenceId: input.clientReferenceId,
        customerEmail: input.customerEmail ?? null,
        successUrl: input.successUrl,
        cancelUrl: input.cancelUrl,
        expiresAt: input.expiresAt,
      },
    });
    return this.toInfo(row);
  }

  async retrieveCheckoutSession(sessionId: string): Promise<CheckoutSessionInfo> {
    return this.toInfo(await this.load(sessionId));
  }

  async expireCheckoutSession(sessionId: string): Promise<CheckoutSessionInfo> {
    await this.load(sessionId);
    await this.db.testCheckoutSession.updateMany({ where: { id: sessionId, status: "open" }, data: { status: "expired" } });
    return this.retrieveCheckoutSession(sessionId);
  }

  async refundPayment(input: RefundInput): Promise<RefundInfo> {
    const row = await this.db.testCheckoutSession.findUnique({ where: { paymentIntentId: input.paymentIntentId } });
    if (!row) throw new AppError("NOT_FOUND", "Payment not found");
    const id = `re_test_${createHash("sha256").update(input.idempotencyKey).digest("hex").slice(0, 24)}`;
    const amount = input.amountCents ?? row.amountTotal;
    // Conditional update: the total refunded never exceeds the payment (a retried key is a no-op).
    await this.db.testCheckoutSession.updateMany({
      where: { id: row.id, refundedCents: { lte: row.amountTotal - amount } },
      data: { refundedCents: { increment: amount } },
    });
    return { id, status: "succeeded", amountCents: amount };
  }

  /** Test mode has no charges (refunds go through refundTicket): always NOT_FOUND. */
  async retrieveCharge(_chargeId: string): Promise<ChargeInfo> {
    throw new AppError("NOT_FOUND", "Test mode has no charges");
  }

  /**
   * Marks an open session paid (the Pay button of the test page). Returns the
   * completed session. Throws NOT_FOUND, CONFLICT when it is expired or
   * already paid.
   */
  async completeCheckoutSession(sessionId: string): Promise<CheckoutSessionInfo> {
    const row = await this.load(sessionId);
    const { count } = await this.db.testCheckoutSession.updateMany({
      where: { id: row.id, status: "open" },
      data: { status: "complete", paymentStatus: "paid", paymentIntentId: `pi_test_${randomBytes(12).toString("hex")}` },
    });
    if (count === 0) throw new AppError("CONFLICT", row.status === "complete" ? "This checkout is already paid" : "This checkout has expired");
    return this.retrieveCheckoutSession(sessionId);
  }

  /** The stored session with its product name and return URLs, for the test page. */
  async sessionDetails(sessionId: string): Promise<CheckoutSessionInfo & { productName: string; successUrl: string; cancelUrl: string; amountCents: number; currency: string }> {
    const row = await this.load(sessionId);
    return { ...this.toInfo(row), productName: row.productName, successUrl: row.successUrl, cancelUrl: row.cancelUrl, amountCents: row.amountTotal, currency: row.currency };
  }

  private async load(sessionId: string): Promise<TestCheckoutSession> {
    const row = await this.db.testCheckoutSession.findUnique({ where: { id: sessionId } });
    if (!row) throw new AppError("NOT_FOUND", "Checkout Session not found");
    if (row.status === "open" && row.expiresAt.getTime() <= this.now().getTime()) {
      await this.db.testCheckoutSession.updateMany({ where: { id: row.id, status: "open" }, data: { status: "expired" } });
      return { ...row, status: "expired" };
    }
    return row;
  }

  private toInfo(row: TestCheckoutSession): CheckoutSessionInfo {
    const open = row.status === "open";
    return {
      id: row.id,
      url: open ? `${this.appUrl.replace(/\/+$/, "")}/test-checkout/${row.id}` : null,
      status: row.status as CheckoutSessionInfo["status"],
      paymentStatus: row.paymentStatus as CheckoutSessionInfo["paymentStatus"],
      paymentIntentId: row.paymentIntentId,
      amountTotal: row.amountTotal,
      currency: row.currency,
      metadata: JSON.parse(row.metadata) as Record<string, string>,
      clientReferenceId: row.clientReferenceId,
      expiresAt: row.expiresAt,
    };
  }
}
