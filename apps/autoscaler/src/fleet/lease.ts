import { type Db, type Prisma } from "@limelight/db";

const LEASE_ID = "autoscaler";

/** A transaction client: what a fenced write gets to write with. */
export type FencedDb = Prisma.TransactionClient;

/** Thrown when this process no longer holds the lease (taken over, expired, never held). */
export class LeaseLostError extends Error {
  constructor(message = "the autoscaler lease is not held by this process") {
    super(message);
    this.name = "LeaseLostError";
  }
}

/**
 * What a tick needs from its lease: a check before every provider call and a
 * fenced database write. `write` runs `fn` in a transaction that first checks,
 * in the database, that the lease row still has this holder, this fencing
 * token and an expiry in the future; otherwise it throws LeaseLostError and
 * writes nothing.
 */
export interface Fence {
  /** Throws LeaseLostError unless the lease is held and its last renewal is still valid locally. */
  assertHeld(): void;
  /** Runs `fn` inside a transaction guarded by the lease row (see the interface). Throws LeaseLostError. */
  write<T>(fn: (tx: FencedDb) => Promise<T>): Promise<T>;
  /** The fencing token of the current holding, or null. */
  readonly token: number | null;
}

/**
 * No lease: a single caller is guaranteed by whoever built the context
 * (tests of one tick, benches). Writes run in a plain transaction.
 */
export class NoFence implements Fence {
  readonly token = null;
  constructor(private readonly db: Db) {}
  assertHeld(): void {}
  write<T>(fn: (tx: FencedDb) => Promise<T>): Promise<T> {
    return this.db.$transaction((tx) => fn(tx));
  }
}

/**
 * The autoscaler lease (one row "autoscaler" in AutoscalerLease) with a
 * fencing token (https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html).
 * - `acquire()` takes the lease when it is free, expired, or already held by
 *   the same holder id (a quick restart on the same host need not wait), and
 *   increments the token every time, so an earlier incarnation is fenced off.
 * - `renew()` extends it only while holder AND token still match; it is called
 *   every third of the TTL by `startRenewing()`, independently of ticks, so a
 *   slow tick never lets the lease lapse while its process is alive.
 * - `assertHeld()` trusts a renewal for its TTL minus a 10 % margin, counted
 *   from when the renewal was sent (never from when it answered).
 * Times in ms; `ttlMs` ≥ 1 000. Methods throw only when the database fails
 * (`renew()` swallows and reports it as not held).
 */
export class Lease implements Fence {
  private heldToken: number | null = null;
  private validUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<boolean> | undefined;

  constructor(
    private readonly db: Db,
    /** Unique per host and stable across restarts on it (see holder-id.ts). */
    readonly holder: string,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get token(): number | null {
    return this.held ? this.heldToken : null;
  }

  /** Whether the last acquisition or renewal is still valid (local view). */
  get held(): boolean {
    return this.heldToken !== null && this.now() < this.validUntil;
  }

  /** Takes the lease if it is free, expired or ours (new token). Returns whether it is held now. */
  async acquire(): Promise<boolean> {
    const sentAt = this.now();
    const expiresAt = new Date(sentAt + this.ttlMs);
    const updated = await this.db.autoscalerLease.updateMany({
      where: { id: LEASE_ID, OR: [{ holder: this.holder }, { expiresAt: { lt: new Date(sentAt) } }] },
      data: { holder: this.holder, expiresAt, token: { increment: 1 } },
    });
    if (updated.count === 0) {
      if ((await this.db.autoscalerLease.count({ where: { id: LEASE_ID } })) > 0) return this.lost();
      try {
        await this.db.autoscalerLease.create({ data: { id: LEASE_ID, holder: this.holder, expiresAt, token: 1 } });
      } catch {
        return this.lost(); // another process created it first
      }
    }
    const row = await this.db.autoscalerLease.findUnique({ where: { id: LEASE_ID } });
    if (!row || row.holder !== this.holder) return this.lost();
    this.heldToken = row.token;
    this.validUntil = sentAt + this.ttlMs * 0.9;
    return true;
  }

  /** Extends the lease while holder and token match. Returns whether it is still held; never throws. */
  renew(): Promise<boolean> {
    this.renewing ??= this.renewOnce().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renewOnce(): Promise<boolean> {
    if (this.heldToken === null) return false;
    const sentAt = this.now();
    try {
      const updated = await this.db.autoscalerLease.updateMany({
        where: { id: LEASE_ID, holder: this.holder, token: this.heldToken, expiresAt: { gt: new Date(sentAt) } },
        data: { expiresAt: new Date(sentAt + this.ttlMs) },
      });
      if (updated.count !== 1) return this.lost();
      this.validUntil = sentAt + this.ttlMs * 0.9;
      return true;
    } catch {
      return this.held; // the database did not answer: the lease stays valid until it runs out locally
    }
  }

  /** Renews every third of the TTL until `stopRenewing()`; `onLost` hears when a renewal finds the lease gone. */
  startRenewing(onLost: () => void = () => undefined): void {
    this.stopRenewing();
    this.timer = setInterval(() => {
      if (this.heldToken === null) return;
      void this.renew().then((ok) => {
        if (!ok) onLost();
      });
    }, Math.max(100, Math.floor(this.ttlMs / 3)));
  }

  /** Stops background renewal. */
  stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  assertHeld(): void {
    if (!this.held) throw new LeaseLostError();
  }

  async write<T>(fn: (tx: FencedDb) => Promise<T>): Promise<T> {
    this.assertHeld();
    const token = this.heldToken as number;
    return this.db.$transaction(async (tx) => {
      const guard = await tx.autoscalerLease.updateMany({
        where: { id: LEASE_ID, holder: this.holder, token, expiresAt: { gt: new Date(this.now()) } },
        data: { holder: this.holder },
      });
      if (guard.count !== 1) throw new LeaseLostError(`write refused: fencing token ${token} is stale`);
      return fn(tx);
    });
  }

  /** Gives the lease up (on shutdown) so a successor need not wait for it to expire. */
  async release(): Promise<void> {
    this.stopRenewing();
    const token = this.heldToken;
    this.heldToken = null;
    if (token !== null) await this.db.autoscalerLease.deleteMany({ where: { id: LEASE_ID, holder: this.holder, token } });
  }

  private lost(): false {
    this.heldToken = null;
    return false;
  }
}
