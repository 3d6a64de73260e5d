/**
 * The Stripe Connect side effect behind a small interface: Express connected
 * accounts, onboarding links, transfers and transfer reversals.
 * `StripeConnectProvider` implements it with the real `stripe` client.
 * Sources: https://docs.stripe.com/api/accounts/create ,
 * https://docs.stripe.com/api/account_links/create ,
 * https://docs.stripe.com/api/transfers/create ,
 * https://docs.stripe.com/api/transfer_reversals/create
 */

/** The parts of a connected account Limelight keeps. */
export interface ConnectedAccountInfo {
  /** `acct_...` */
  id: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Stripe requirement ids currently due (e.g. "external_account"). */
  requirementsDue: string[];
}

/** A transfer as Limelight reads it. Amounts in cents. */
export interface TransferInfo {
  /** `tr_...` */
  id: string;
  amountCents: number;
  amountReversedCents: number;
  destination: string;
  transferGroup: string | null;
  metadata: Record<string, string>;
}

/** Input of ConnectProvider.createTransfer. */
export interface CreateTransferInput {
  /** Cents, > 0. */
  amountCents: number;
  /** Lower-case ISO 4217. */
  currency: string;
  /** `acct_...` */
  destination: string;
  /** Our event id: ties the transfer to the show's charges in Stripe's reports. */
  transferGroup: string;
  /** A `ch_...` the transfer is funded from, when the payout is that single charge's share. */
  sourceTransaction?: string;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

/**
 * Why Stripe refused a call for good (a 4xx other than 409/429): the caller
 * records it (a failed payout, a reversal turned into a debt) instead of
 * retrying. `code` is Stripe's error code, e.g. "balance_insufficient".
 */
export class ConnectRefusedError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "ConnectRefusedError";
  }
}

/**
 * Stripe Connect calls. Errors: ConnectRefusedError (Stripe refused the
 * request for good); AppError PROVIDER_UNAVAILABLE (network, 5xx, 429, 409:
 * retry later with the same idempotency key); AppError NOT_FOUND (unknown id).
 */
export interface ConnectProvider {
  /** POST /v1/accounts type=express with the performer's e-mail; `idempotencyKey` per user. */
  createExpressAccount(input: { email: string; userId: string; idempotencyKey: string }): Promise<ConnectedAccountInfo>;
  /** GET /v1/accounts/:id */
  retrieveAccount(accountId: string): Promise<ConnectedAccountInfo>;
  /** POST /v1/account_links type=account_onboarding: a single-use URL (about 5 minutes). */
  createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<string>;
  createTransfer(input: CreateTransferInput): Promise<TransferInfo>;
  /** GET /v1/transfers?transfer_group= : finds a transfer made for a payout row after its idempotency key may have been pruned (24 h). */
  listTransfersOfGroup(transferGroup: string): Promise<TransferInfo[]>;
  /** GET /v1/transfers/:id */
  retrieveTransfer(transferId: string): Promise<TransferInfo>;
  /** POST /v1/transfers/:id/reversals; returns the reversal id `trr_...`. */
  createReversal(input: { transferId: string; amountCents: number; metadata: Record<string, string>; idempotencyKey: string }): Promise<{ id: string }>;
}
