/**
 * Shows fed from an encoder: a performer's OBS publishes with the show's
 * stream key to the origin, and the web app marks the Event live when the
 * origin accepts the key (apps/web open-show-from-encoder.ts). Such a show has
 * no Kurento graph on this node, so its live state is the Event row's status.
 * Every `pollMs` this re-reads the status of the events whose show room has
 * sockets on this node but which have no graph here, and reports changes
 * (first sight included), so the room learns that the show went live or ended
 * without reloading.
 *
 * Each poll also ends every live encoder show whose encoder has been gone
 * `encoderGone.endMs` (Event.encoderGoneAt, recorded by the web app from the
 * origin's on_publish_done; a re-publish clears it) with the conditional
 * live → ended update (markEncoderShowEnded), whichever node's show room it
 * has: its rooms then see "ended" like any other end. For watched shows, an
 * encoder gone `encoderGone.warnMs` is reported (`encoderChanged`) every poll
 * while it lasts, and once when it is back.
 */
import { type Logger } from "pino";
import { type Db } from "@limelight/db";
import { encoderPresence } from "@limelight/domain/show/show-timing";
import { type ShowEncoderEvent } from "@limelight/contracts";
import { IntervalPoll } from "../polling/interval-poll";
import { markEncoderShowEnded } from "./event-status";

/** A status change of one event: `previous` is undefined on first sight. */
export interface EncoderShowChange {
  eventId: string;
  status: string;
  previous: string | undefined;
}

/** Polls Event.status of watched encoder-fed shows. */
export class EncoderShows {
  private readonly statuses = new Map<string, string>();
  /** Watched shows whose hosts were last told their encoder is gone. */
  private readonly warned = new Set<string>();
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
      /** Encoder-gone timings, ms: warn hosts after `warnMs`, end the show after `endMs` (ENCODER_GONE_WARN_MS / ENCODER_GONE_END_MS). */
      encoderGone: { warnMs: number; endMs: number };
      /** Called with the encoder's presence of a watched show for its hosts (see the file header). */
      encoderChanged?: (event: ShowEncoderEvent) => void;
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

  /** Ends the live encoder shows whose encoder has been gone `endMs` (conditional update per show; logged). */
  private async endAbandoned(now: Date): Promise<void> {
    const goneBefore = new Date(now.getTime() - this.deps.encoderGone.endMs);
    const rows = await this.deps.db.event.findMany({ where: { status: "live", liveSource: null, encoderGoneAt: { lte: goneBefore } }, select: { id: true, encoderGoneAt: true }, take: 100 });
    for (const row of rows) {
      if (await markEncoderShowEnded(this.deps.db, row.id, goneBefore)) {
        this.deps.logger.info({ eventId: row.id, encoderGoneAt: row.encoderGoneAt, endMs: this.deps.encoderGone.endMs }, "encoder show ended: its encoder has been gone too long");
      }
    }
  }

  /** Tells hosts of a watched live show where its encoder stands (see the file header). */
  private reportEncoder(row: { id: string; status: string; encoderGoneAt: Date | null }, now: number): void {
    const presence = row.status === "live" ? encoderPresence(row.encoderGoneAt?.getTime() ?? null, now, this.deps.encoderGone) : { state: "publishing" as const };
    if (presence.state === "warned") {
      this.warned.add(row.id);
      this.deps.encoderChanged?.({ eventId: row.id, status: "gone", goneAt: new Date(presence.goneAt).toISOString(), endsAt: new Date(presence.endsAt).toISOString() });
    } else if (presence.state === "publishing" && this.warned.delete(row.id) && row.status === "live") {
      this.deps.encoderChanged?.({ eventId: row.id, status: "publishing" });
    }
  }

  private async readStatuses(): Promise<EncoderShowChange[]> {
    try {
      const now = new Date();
      await this.endAbandoned(now);
      const ids = this.deps.watchedEventIds().filter((id) => !this.deps.hasGraph(id));
      for (const id of [...this.statuses.keys()]) {
        if (ids.includes(id)) continue;
        this.statuses.delete(id);
        this.warned.delete(id);
        this.deps.left?.(id);
      }
      if (ids.length === 0) return [];
      const rows = await this.deps.db.event.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, liveSource: true, encoderGoneAt: true } });
      const changes: EncoderShowChange[] = [];
      for (const row of rows) {
        if (row.liveSource === null) this.reportEncoder(row, now.getTime());
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
