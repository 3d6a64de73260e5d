import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { seedEvent, type SeededUser } from "../commerce/testing/fixtures";
import { finishTestOnboarding, payoutAccountOf, startOnboarding } from "./connect-account";
import { type PayoutDeps } from "./deps";
import { hostPayoutStatement } from "./payout-statement";
import { runPayoutsTick } from "./run-payouts-tick";
import { TestModeConnectProvider } from "./test-mode-connect-provider";
import { WEEK_MS } from "./testing/fixtures";

let db: Db;
let deps: PayoutDeps;
beforeEach(() => {
  db = createDb(createSqliteDatabase());
  deps = { db, connect: new TestModeConnectProvider(db, "http://localhost:3000"), appUrl: "http://localhost:3000", settlementWindowMs: WEEK_MS };
});
afterEach(async () => {
  await db?.$disconnect();
});

describe("payouts in test mode (no Stripe keys)", () => {
  it("simulates onboarding on a local page and records the host's transfer after settlement, once", async () => {
    const { eventId, hosts } = await seedEvent(db, { hostShares: [10_000] });
    const host = hosts[0] as SeededUser;
    // The host's share of a sale (as commerce writes it), in a show that ended more than a week ago.
    await db.ledgerEntry.create({ data: { eventId, hostUserId: host.userId, sourceType: "ticket", sourceId: "t1", amountCents: 1500, currency: "usd" } });
    await db.event.update({ where: { id: eventId }, data: { status: "ended", endedAt: new Date(Date.now() - WEEK_MS - 1000) } });
    await runPayoutsTick(deps);
    expect(await db.payout.count()).toBe(0); // not connected: accrues

    const { url } = await startOnboarding(deps, { actor: { userId: host.userId, role: "performer" }, email: host.email });
    expect(url).toMatch(/^http:\/\/localhost:3000\/test-connect\/acct_test_[0-9a-f]+$/);
    const accountId = decodeURIComponent(url.split("/").at(-1) ?? "");
    await expect(finishTestOnboarding(deps, { actor: { userId: "someone-else", role: "performer" }, accountId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await finishTestOnboarding(deps, { actor: { userId: host.userId, role: "performer" }, accountId });
    expect(await payoutAccountOf(deps, host.userId)).toMatchObject({ payoutsEnabled: true });
    await runPayoutsTick(deps);
    const statement = await hostPayoutStatement(deps, { actor: { userId: host.userId, role: "performer" }, hostUserId: host.userId });
    expect(statement.movements.map((m) => [m.kind, m.amountCents, m.status])).toEqual([["transfer", 1500, "sent"]]);
    expect(statement.movements[0]?.stripeId).toMatch(/^tr_test_/);
    expect(statement.balances).toEqual([{ currency: "usd", balanceCents: 0 }]);
  });
});
