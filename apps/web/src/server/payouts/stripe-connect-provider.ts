import type Stripe from "stripe";
import { AppError } from "@limelight/domain";
import { type ConnectedAccountInfo, type ConnectProvider, ConnectRefusedError, type CreateTransferInput, type TransferInfo } from "./connect-provider";

/**
 * ConnectProvider on Stripe's API through the official `stripe` client given
 * to the constructor (tests point it at packages/fake-stripe with the
 * client's `host`/`port`/`protocol` options).
 * Errors: 404 → AppError NOT_FOUND; other 4xx except 409 (idempotent request
 * in flight) and 429 → ConnectRefusedError; anything else →
 * AppError PROVIDER_UNAVAILABLE (retried later with the same idempotency key).
 * Source: https://docs.stripe.com/error-handling
 */
export class StripeConnectProvider implements ConnectProvider {
  constructor(private readonly stripe: Stripe) {}

  async createExpressAccount(input: { email: string; userId: string; idempotencyKey: string }): Promise<ConnectedAccountInfo> {
    const account = await call(() =>
      this.stripe.accounts.create(
        { type: "express", email: input.email, capabilities: { transfers: { requested: true } }, metadata: { user_id: input.userId } },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return toAccount(account);
  }

  async retrieveAccount(accountId: string): Promise<ConnectedAccountInfo> {
    return toAccount(await call(() => this.stripe.accounts.retrieve(accountId)));
  }

  async createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<string> {
    const link = await call(() =>
      this.stripe.accountLinks.create({ account: input.accountId, type: "account_onboarding", refresh_url: input.refreshUrl, return_url: input.returnUrl }),
    );
    return link.url;
  }

  async createTransfer(input: CreateTransferInput): Promise<TransferInfo> {
    const transfer = await call(() =>
      this.stripe.transfers.create(
        {
          amount: input.amountCents,
          currency: input.currency,
          destination: input.destination,
          transfer_group: input.transferGroup,
          ...(input.sourceTransaction ? { source_transaction: input.sourceTransaction } : {}),
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return toTransfer(transfer);
  }

  async listTransfersOfGroup(transferGroup: string): Promise<TransferInfo[]> {
    const list = await call(() => this.stripe.transfers.list({ transfer_group: transferGroup, limit: 100 }));
    return list.data.map(toTransfer);
  }

  async retrieveTransfer(transferId: string): Promise<TransferInfo> {
    return toTransfer(await call(() => this.stripe.transfers.retrieve(transferId)));
  }

  async createReversal(input: { transferId: string; amountCents: number; metadata: Record<string, string>; idempotencyKey: string }): Promise<{ id: string }> {
    const reversal = await call(() =>
      this.stripe.transfers.createReversal(input.transferId, { amount: input.amountCents, metadata: input.metadata }, { idempotencyKey: input.idempotencyKey }),
    );
    return { id: reversal.id };
  }
}

function toAccount(a: Stripe.Account): ConnectedAccountInfo {
  return {
    id: a.id,
    chargesEnabled: a.charges_enabled ?? false,
    payoutsEnabled: a.payouts_enabled ?? false,
    detailsSubmitted: a.details_submitted ?? false,
    requirementsDue: a.requirements?.currently_due ?? [],
  };
}

function toTransfer(t: Stripe.Transfer): TransferInfo {
  return {
    id: t.id,
    amountCents: t.amount,
    amountReversedCents: t.amount_reversed,
    destination: typeof t.destination === "string" ? t.destination : (t.destination?.id ?? ""),
    transferGroup: t.transfer_group ?? null,
    metadata: t.metadata ?? {},
  };
}

interface StripeErrorLike {
  statusCode?: number;
  code?: string;
  message: string;
}

function isStripeError(error: unknown): error is StripeErrorLike {
  return typeof error === "object" && error !== null && "type" in error && typeof (error as { type: unknown }).type === "string" && String((error as { type: string }).type).startsWith("Stripe");
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isStripeError(error)) throw new AppError("PROVIDER_UNAVAILABLE", "Payment provider unavailable", { cause: error });
    const status = error.statusCode ?? 0;
    if (status === 404) throw new AppError("NOT_FOUND", "Not found at the payment provider", { cause: error });
    if (status >= 400 && status < 500 && status !== 409 && status !== 429) throw new ConnectRefusedError(error.message, error.code);
    throw new AppError("PROVIDER_UNAVAILABLE", "Payment provider unavailable", { cause: error });
  }
}
