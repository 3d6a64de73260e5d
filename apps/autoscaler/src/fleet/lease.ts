import { type Db } from "@limelight/db";

const LEASE_ID = "autoscaler";

/**
 * Takes or renews the autoscaler lease for `holder` until `now + ttlMs` (ms):
 * a compare-and-set that succeeds only when the lease is free, expired or
 * already ours, so at most one process acts on the fleet at a time. Returns
 * whether `holder` holds the lease. Throws only when the database fails.
 */
export async function acquireLease(db: Db, holder: string, ttlMs: number, now: number): Promise<boolean> {
  const expiresAt = new Date(now + ttlMs);
  const updated = await db.autoscalerLease.updateMany({
    where: { id: LEASE_ID, OR: [{ holder }, { expiresAt: { lt: new Date(now) } }] },
    data: { holder, expiresAt },
  });
  if (updated.count === 1) return true;
  if ((await db.autoscalerLease.count({ where: { id: LEASE_ID } })) > 0) return false;
  try {
    await db.autoscalerLease.create({ data: { id: LEASE_ID, holder, expiresAt } });
    return true;
  } catch {
    return false; // another process created it first
  }
}

/** Gives the lease up (on shutdown) so a successor need not wait for it to expire. */
export async function releaseLease(db: Db, holder: string): Promise<void> {
  await db.autoscalerLease.deleteMany({ where: { id: LEASE_ID, holder } });
}
