import { describe, expect, it } from "vitest";
import { afterFailedAttempt, MAX_REFUND_ATTEMPTS, refundRetryDelayMs } from "./refund-retry";

describe("retrying refunds of a cancelled event", () => {
  it("backs off 30 s, 60 s, 120 s … and never waits more than an hour", () => {
    expect([1, 2, 3].map(refundRetryDelayMs)).toEqual([30_000, 60_000, 120_000]);
    expect(refundRetryDelayMs(40)).toBe(3_600_000);
  });

  it("keeps a refund pending until the attempt limit, then marks it failed for an admin", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(afterFailedAttempt(1, now)).toEqual({ status: "pending", nextAttemptAt: new Date("2026-01-01T00:00:30Z") });
    expect(afterFailedAttempt(MAX_REFUND_ATTEMPTS, now).status).toBe("failed");
  });
});
