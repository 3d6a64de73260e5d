/**
 * What the host, viewer and video operations of a show need from their
 * LiveShow: its settings and observer, its current state, and the way media
 * failures are mapped (a lost session starts a rebuild).
 */
import { type Logger } from "pino";
import { type ShowRoster } from "./show-roster";
import { type LiveState, type ShowGraph } from "./show-state";
import { type ShowObserver, type ShowSettings } from "./show-types";

/** The view of a LiveShow its operations work through. */
export interface ShowContext {
  readonly eventId: string;
  readonly settings: ShowSettings;
  readonly observer: ShowObserver;
  readonly log: Logger;
  /** The live state. Throws AppError EVENT_NOT_LIVE (ended, not opened) or MEDIA_SERVER_UNAVAILABLE (recovering). */
  requireLive(): LiveState;
  /** The live state, or null in any other phase. */
  liveState(): LiveState | null;
  /** The roster while live or recovering, else null. */
  roster(): ShowRoster | null;
  /** True while `graph` is still the show's graph (not rebuilt or ended since). */
  stillLive(graph: ShowGraph): boolean;
  /** Maps a media failure to the AppError a peer gets; a lost session starts a rebuild. */
  mediaError(error: unknown): unknown;
  /** Arms or cancels the empty-show end after hosts came or went. */
  touchEmptyTimer(): void;
}
