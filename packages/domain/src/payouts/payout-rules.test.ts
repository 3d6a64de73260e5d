import { describe, expect, it } from "vitest";
import {
  hostBalanceCents,
  payoutCounts,
  payoutIdempotencyKey,
  payoutState,
  reversalCounts,
  reversalFor,
  reversalIdempotencyKey,
  settlementDue,
  type PayoutRow,
} from "./payout-rules";

const row = (patch: Partial<PayoutRow>): PayoutRow => ({ status: "pending", amountCents: 700, transferId: null, reversedCents: 0, failureMessage: null, ...patch });

describe("payout state", () => {
  it("reads each stored status into its state, keeping only the fields that status has", () => {
    expect(payoutState(row({ status: "pending", transferId: "tr_stale", failureMessage: "stale" }))).toEqual({ status: "pending", amountCents: 700 });
    expect(payoutState(row({ status: "sent", transferId: "tr_1", reversedCents: 0 }))).toEqual({ status: "sent", amountCents: 700, transferId: "tr_1", reversedCents: 0 });
    expect(payoutState(row({ status: "reversed", transferId: "tr_1", reversedCents: 700 }))).toEqual({
      status: "reversed",
      amountCents: 700,
      transferId: "tr_1",
      reversedCents: 700,
    });
    expect(payoutState(row({ status: "failed", failureMessage: "account closed" }))).toEqual({ status: "failed", amountCents: 700, failureMessage: "account closed" });
    expect(payoutState(row({ status: "failed", failureMessage: null }))).toEqual({ status: "failed", amountCents: 700, failureMessage: "" });
  });

  it.each(["sent", "reversed"])("refuses a %s payout without a transfer id (money sent to nobody known)", (status) => {
    expect(() => payoutState(row({ status, transferId: null }))).toThrow(`payout in status ${status} without a transfer id`);
    expect(() => payoutState(row({ status, transferId: "" }))).toThrow(`payout in status ${status} without a transfer id`);
  });

  it("refuses an unknown status", () => {
    expect(() => payoutState(row({ status: "paid" }))).toThrow("unknown payout status paid");
  });

  it("every payout except a failed one counts as money given to the host", () => {
    expect(payoutCounts({ status: "pending", amountCents: 1 })).toBe(true);
    expect(payoutCounts({ status: "sent", amountCents: 1, transferId: "tr", reversedCents: 0 })).toBe(true);
    expect(payoutCounts({ status: "reversed", amountCents: 1, transferId: "tr", reversedCents: 1 })).toBe(true);
    expect(payoutCounts({ status: "failed", amountCents: 1, failureMessage: "" })).toBe(false);
  });

  it.each([
    ["absorbed", false],
    ["pending", true],
    ["reversed", true],
    ["debt", false],
  ] as const)("a %s reversal gave money back to the platform: %s", (status, counts) => {
    expect(reversalCounts(status)).toBe(counts);
  });
});

describe("host balance and reversals", () => {
  it("is earnings minus payouts plus reversals, negative when the host owes", () => {
    expect(hostBalanceCents({ settledLedgerCents: 1000, payoutsCents: 600, reversalsCents: 0 })).toBe(400);
    expect(hostBalanceCents({ settledLedgerCents: 300, payoutsCents: 1000, reversalsCents: 200 })).toBe(-500);
  });

  it.each([
    { refund: 700, reversible: 1000, reversal: 700 },
    { refund: 700, reversible: 300, reversal: 300 },
    { refund: 700, reversible: 0, reversal: 0 },
    { refund: 700, reversible: -50, reversal: 0 },
  ])("a refund of $refund with $reversible reversible reverses $reversal", ({ refund, reversible, reversal }) => {
    expect(reversalFor(refund, reversible)).toBe(reversal);
  });
});

describe("settlement window", () => {
  const endedAt = new Date("2030-01-01T22:00:00Z");
  const windowMs = 7 * 24 * 3_600_000;
  it("is due once the whole window has passed, not a millisecond before", () => {
    expect(settlementDue(endedAt, windowMs, new Date(endedAt.getTime() + windowMs - 1))).toBe(false);
    expect(settlementDue(endedAt, windowMs, new Date(endedAt.getTime() + windowMs))).toBe(true);
    expect(settlementDue(endedAt, windowMs, new Date(endedAt.getTime() + windowMs + 1))).toBe(true);
  });
});

describe("idempotency keys", () => {
  it("differ per event, host and attempt so a retried transfer is never sent twice and a new one is not swallowed", () => {
    const key = payoutIdempotencyKey("evt1", "host1", 1);
    // The format must stay stable across releases: a changed key would let a retry after an upgrade transfer again.
    expect(key).toBe("payout_evt1_host1_v1");
    expect(new Set([key, payoutIdempotencyKey("evt2", "host1", 1), payoutIdempotencyKey("evt1", "host2", 1), payoutIdempotencyKey("evt1", "host1", 2)]).size).toBe(4);
    expect(payoutIdempotencyKey("evt1", "host1", 1)).toBe(key);
  });

  it("names one reversal per refund ledger line", () => {
    expect(reversalIdempotencyKey("led1")).toBe("reversal_led1");
    expect(reversalIdempotencyKey("led1")).not.toBe(reversalIdempotencyKey("led2"));
  });
});
