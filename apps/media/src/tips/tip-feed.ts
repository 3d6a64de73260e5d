/**
 * Confirmed tips appear in the show. Contract with the commerce side: a tip
 * is shown once its Tip row has status "confirmed" and a confirmedAt newer
 * than the last one we announced. Polls the Tip table every `pollMs` for
 * the shows live on this node and hands new tips to `announce`.
 */
import { type Logger } from "pino";
import { type Db } from "@limelight/db";
import { type TipView } from "@limelight/contracts";
import { toTipView } from "./tip-history";
import { IntervalPoll } from "../polling/interval-poll";

interface Cursor {
  since: Date;
  /** Ids already announced at exactly `since` (ties). */
  seenAtSince: Set<string>;
}

/** Polls confirmed tips of watched events. */
export class TipFeed {
  private readonly cursors = new Map<string, Cursor>();
  private readonly poll: IntervalPoll<number>;

  constructor(
    private readonly deps: { db: Db; pollMs: number; logger: Logger; announce: (tip: TipView) => void },
  ) {
    this.poll = new IntervalPoll(deps.pollMs, () => this.announceNew(), 0);
  }

  /** Starts announcing tips of `eventId` confirmed after `since` (default now). */
  watch(eventId: string, since: Date = new Date()): void {
    if (!this.cursors.has(eventId)) this.cursors.set(eventId, { since, seenAtSince: new Set() });
    this.poll.start();
  }

  /** Stops announcing tips of `eventId`. */
  unwatch(eventId: string): void {
    this.cursors.delete(eventId);
    if (this.cursors.size === 0) this.poll.stop();
  }

  /** One poll over all watched events (skipped while one runs); returns the number of tips announced. Never throws. */
  pollOnce(): Promise<number> {
    return this.poll.runOnce();
  }

  private async announceNew(): Promise<number> {
    let announced = 0;
    try {
      for (const [eventId, cursor] of this.cursors) {
        const rows = await this.deps.db.tip.findMany({
          where: { eventId, status: "confirmed", confirmedAt: { gte: cursor.since } },
          orderBy: { confirmedAt: "asc" },
          take: 100,
          include: { user: { select: { name: true } } },
        });
        for (const row of rows) {
          const at = row.confirmedAt;
          if (!at) continue;
          if (at.getTime() === cursor.since.getTime() && cursor.seenAtSince.has(row.id)) continue;
          if (at.getTime() > cursor.since.getTime()) {
            cursor.since = at;
            cursor.seenAtSince = new Set();
          }
          cursor.seenAtSince.add(row.id);
          this.deps.announce(toTipView(row, at));
          announced += 1;
        }
      }
    } catch (error) {
      this.deps.logger.warn({ err: error }, "tip poll failed");
    }
    return announced;
  }

  /** Stops polling. */
  stop(): void {
    this.poll.stop();
    this.cursors.clear();
  }
}
