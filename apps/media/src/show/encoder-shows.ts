/**
 * Shows fed from an encoder: a performer's OBS publishes with the show's
 * stream key to the origin, and the web app marks the Event live when the
 * origin accepts the key (apps/web open-show-from-encoder.ts). Such a show has
 * no Kurento graph on this node, so its live state is the Event row's status.
 * Every `pollMs` this re-reads the status of the events whose show room has
 * sockets on this node but which have no graph here, and reports changes
 * (first sight included), so the room learns that the show went live or ended
 * without reloading.
 */
import { type Logger } from "pino";
import { type Db } from "@limelight/db";
import { IntervalPoll } from "../polling/interval-poll";

/** A status change of one event: `previous` is undefined on first sight. */
export interface EncoderShowChange {
  eventId: string;
  status: string;
  previous: string | undefined;
}

/** Polls Event.status of watched encoder-fed shows. */
export class EncoderShows {
  private readonly statuses = new Map<string, string>();
  private readonly poll: IntervalPoll<EncoderShowChange[]>;

  constructor(
    private readonly deps: {
      db: Db;
      /** Poll interval, ms (SHOW_STATUS_POLL_MS). */
      pollMs: number;
      logger: Logger;
      /** Event ids whose show room has sockets on this node. */
      watchedEventIds: () => string[];
      /** True when this node holds a Kurento graph for the show (then the graph is the source of truth). */
      hasGraph: (eventId: string) => boolean;
      /** Called for each status change seen in a poll. */
      changed: (change: EncoderShowChange) => void;
      /** Called when a show's room has no socket here any more (it is no longer watched). */
      left?: (eventId: string) => void;
    },
  ) {
    this.poll = new IntervalPoll(deps.pollMs, () => this.readStatuses(), []);
  }

  /** True when the show is live from an encoder as of the last poll (live, no graph on this node). */
  isLive(eventId: string): boolean {
    return this.statuses.get(eventId) === "live" && !this.deps.hasGraph(eventId);
  }

  /** True when any watched show is live from an encoder. */
  anyLive(): boolean {
    return [...this.statuses.keys()].some((id) => this.isLive(id));
  }

  /** Records a status this node set itself (e.g. "ended" by a host), so the next poll does not report it again. */
  record(eventId: string, status: string): void {
    if (this.statuses.has(eventId)) this.statuses.set(eventId, status);
  }

  /** Starts polling (idempotent). */
  start(): void {
    this.poll.start();
  }

  /** Stops polling (idempotent). */
  stop(): void {
    this.poll.stop();
  }

  /** One poll (skipped while one runs); returns the changes it reported. Never throws (failures are logged). */
  pollOnce(): Promise<EncoderShowChange[]> {
    return this.poll.runOnce();
  }

  private async readStatuses(): Promise<EncoderShowChange[]> {
    try {
      const ids = this.deps.watchedEventIds().filter((id) => !this.deps.hasGraph(id));
      for (const id of [...this.statuses.keys()]) {
        if (ids.includes(id)) continue;
        this.statuses.delete(id);
        this.deps.left?.(id);
      }
      if (ids.length === 0) return [];
      const rows = await this.deps.db.event.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
      const changes: EncoderShowChange[] = [];
      for (const row of rows) {
        const previous = this.statuses.get(row.id);
        if (previous === row.status) continue;
        this.statuses.set(row.id, row.status);
        changes.push({ eventId: row.id, status: row.status, previous });
      }
      for (const change of changes) this.deps.changed(change);
      return changes;
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not read show statuses");
      return [];
    }
  }
}
