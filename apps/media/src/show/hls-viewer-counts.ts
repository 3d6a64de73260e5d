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
import { IntervalPoll } from "../polling/interval-poll";

/** Latest HLS viewer count per event id, refreshed by polling. */
export class HlsViewerCounts {
  private counts = new Map<string, number>();
  private readonly poll: IntervalPoll<string[]>;

  constructor(
    private readonly deps: {
      db: Db;
      /** Poll interval, ms. */
      pollMs: number;
      logger: Logger;
      /** Called with the event ids whose HLS viewer count changed in a poll. */
      changed: (eventIds: string[]) => void;
    },
  ) {
    this.poll = new IntervalPoll(deps.pollMs, () => this.readCounts(), []);
  }

  /** HLS viewers of `eventId` at the last poll (0 when none reported). */
  current(eventId: string): number {
    return this.counts.get(eventId) ?? 0;
  }

  /** Starts polling (idempotent). */
  start(): void {
    this.poll.start();
  }

  /** Stops polling (idempotent). */
  stop(): void {
    this.poll.stop();
  }

  /** One poll (skipped while one runs): reads the edges' reports and returns the event ids whose count changed. Never throws. */
  pollOnce(): Promise<string[]> {
    return this.poll.runOnce();
  }

  private async readCounts(): Promise<string[]> {
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
    }
  }
}
