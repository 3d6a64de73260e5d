import { createHash } from "node:crypto";
import { AppError } from "@limelight/domain";
import { type Db } from "@limelight/db";
import { type ConnectedAccountInfo, type ConnectProvider, type CreateTransferInput, type TransferInfo } from "./connect-provider";

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 24);

/**
 * ConnectProvider of test mode (no STRIPE_SECRET_KEY): no money moves. Ids
 * follow Stripe's prefixes with `_test_` and are derived from the
 * idempotency key, so a retried call gets the same id, as on Stripe.
 * Accounts live in the ConnectedAccount rows: onboarding is the local page
 * /test-connect/<acct> (finishTestOnboarding); transfers are read back from
 * the Payout rows that recorded them.
 */
export class TestModeConnectProvider implements ConnectProvider {
  constructor(
    private readonly db: Db,
    private readonly appUrl: string,
  ) {}

  async createExpressAccount(input: { email: string; userId: string; idempotencyKey: string }): Promise<ConnectedAccountInfo> {
    return { id: `acct_test_${digest(input.idempotencyKey)}`, chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, requirementsDue: ["external_account", "tos_acceptance.date"] };
  }

  async retrieveAccount(accountId: string): Promise<ConnectedAccountInfo> {
    const row = await this.db.connectedAccount.findUnique({ where: { stripeAccountId: accountId } });
    if (!row) throw new AppError("NOT_FOUND", "No such account");
    return { id: accountId, chargesEnabled: row.chargesEnabled, payoutsEnabled: row.payoutsEnabled, detailsSubmitted: row.detailsSubmitted, requirementsDue: JSON.parse(row.requirementsDue) as string[] };
  }

  async createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<string> {
    return `${this.appUrl}/test-connect/${encodeURIComponent(input.accountId)}`;
  }

  async createTransfer(input: CreateTransferInput): Promise<TransferInfo> {
    return { id: `tr_test_${digest(input.idempotencyKey)}`, amountCents: input.amountCents, amountReversedCents: 0, destination: input.destination, transferGroup: input.transferGroup, metadata: input.metadata };
  }

  async listTransfersOfGroup(transferGroup: string): Promise<TransferInfo[]> {
    const rows = await this.db.payout.findMany({ where: { eventId: transferGroup, transferId: { not: null } } });
    return rows.map((p) => ({
      id: p.transferId as string,
      amountCents: p.amountCents,
      amountReversedCents: p.reversedCents,
      destination: p.stripeAccountId,
      transferGroup,
      metadata: { payout_id: p.id, event_id: p.eventId, host_user_id: p.hostUserId },
    }));
  }

  async retrieveTransfer(transferId: string): Promise<TransferInfo> {
    const p = await this.db.payout.findUnique({ where: { transferId } });
    if (!p) throw new AppError("NOT_FOUND", "No such transfer");
    return { id: transferId, amountCents: p.amountCents, amountReversedCents: p.reversedCents, destination: p.stripeAccountId, transferGroup: p.eventId, metadata: { payout_id: p.id } };
  }

  async createReversal(input: { transferId: string; amountCents: number; metadata: Record<string, string>; idempotencyKey: string }): Promise<{ id: string }> {
    return { id: `trr_test_${digest(input.idempotencyKey)}` };
  }
}
