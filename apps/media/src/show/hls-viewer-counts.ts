/**
 * HLS viewers per show, as the edges report them (Edge.showViewers of ready
 * and draining edges, refreshed by the autoscaler's health checks from each
 * edge's `GET /viewers`). Polls the Edge table every `pollMs` while shows are
 * live on this node (app.ts starts it with the first show and stops it with
 * the last) and reports the events whose count changed, so hosts see overflow
 * viewers in the studio, not only WebRTC ones.
 */
import { type Logger } from "pino";
import { type Db } from "@limelight/db";
import { sumShowViewers } from "@limelight/domain/scaling/show-viewers";

/** Latest HLS viewer count per event id, refreshed by polling. */
export class HlsViewerCounts {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly deps: {
      db: Db;
      /** Poll interval, ms. */
      pollMs: number;
      logger: Logger;
      /** Called with the event ids whose HLS viewer count changed in a poll. */
      changed: (eventIds: string[]) => void;
    },
  ) {}

  /** HLS viewers of `eventId` at the last poll (0 when none reported). */
  current(eventId: string): number {
    return this.counts.get(eventId) ?? 0;
  }

  /** Starts polling (idempotent). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.pollOnce(), this.deps.pollMs);
    this.timer.unref();
  }

  /** Stops polling (idempotent). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One poll: reads the edges' reports and returns the event ids whose count changed. Never throws. */
  async pollOnce(): Promise<string[]> {
    if (this.polling) return [];
    this.polling = true;
    try {
      const edges = await this.deps.db.edge.findMany({ where: { status: { in: ["ready", "draining"] } }, select: { showViewers: true } });
      const next = sumShowViewers(edges.map((e) => e.showViewers));
      const changed = [...new Set([...next.keys(), ...this.counts.keys()])].filter((id) => (next.get(id) ?? 0) !== (this.counts.get(id) ?? 0));
      this.counts = next;
      if (changed.length) this.deps.changed(changed);
      return changed;
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not read HLS viewer counts");
      return [];
    } finally {
      this.polling = false;
    }
  }
}
