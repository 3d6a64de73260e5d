/**
 * Who may publish a show's program to the origin's RTMP ingest (nginx-rtmp
 * `on_publish`, https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish):
 *
 * - the media bridge: stream name = event id, `secret` = the shared publish
 *   secret, for an event that is on sale or live → allowed as is;
 * - a performer's encoder (OBS): stream name = the event's stream key, for an
 *   event that is live, or on sale and inside its go-live window (the same
 *   rule as going live from the studio, go-live-window.ts) → allowed and
 *   renamed to the event id (the caller answers 3xx with
 *   `Location: <eventId>`), so both land on the same gated HLS stream; an
 *   on-sale show goes live with it (`opensShow`), as it would from the studio;
 * - anything else is refused (403).
 */

import { DEFAULT_GO_LIVE_EARLY_MS, goLiveWindow, type ShowSchedule } from "../show/go-live-window";

/** Event statuses that accept a publisher. */
export const PUBLISHABLE_STATUSES: readonly string[] = ["on_sale", "live"];

/** The event a publish request names (looked up by id or by stream key). */
export interface PublishEventView {
  id: string;
  status: string;
  /** Who feeds a live event: "studio" (browser hosts through the media bridge) or null (an encoder, or not live). Absent reads as null. */
  liveSource?: string | null;
}

/** Inputs of decidePublish. */
export interface PublishRequest {
  /** The RTMP application; only "ingest" is accepted. */
  app: string;
  /** True when the request's `secret` equals the publish secret (compare in constant time). */
  secretMatches: boolean;
  /** The event whose id equals the stream name, if any. */
  eventById: PublishEventView | null;
  /** The event whose stream key equals the stream name, if any, with its schedule. */
  eventByStreamKey: (PublishEventView & ShowSchedule) | null;
  /** The current instant (for the go-live window). */
  now: Date;
  /** How long before the start a performer may go live, ms. Default 60 minutes. */
  goLiveEarlyMs?: number;
}

/**
 * allow: publish under the requested name; rename: publish as `streamName`
 * (`opensShow`: the event is on sale and the encoder's stream makes it live);
 * refuse with a reason (for logs; `conflict`: the event already has another
 * program source, answered 409 instead of 403).
 */
export type PublishDecision =
  | { action: "allow"; eventId: string }
  | { action: "rename"; eventId: string; streamName: string; opensShow: boolean }
  | { action: "refuse"; reason: string; conflict?: true };

/** Decides a publish request (rules in the file header). */
export function decidePublish(request: PublishRequest): PublishDecision {
  if (request.app !== "ingest") return { action: "refuse", reason: `unknown application ${request.app}` };
  if (request.secretMatches && request.eventById) {
    if (!PUBLISHABLE_STATUSES.includes(request.eventById.status)) return { action: "refuse", reason: `event is ${request.eventById.status}` };
    return { action: "allow", eventId: request.eventById.id };
  }
  if (request.eventByStreamKey) {
    const event = request.eventByStreamKey;
    if (!PUBLISHABLE_STATUSES.includes(event.status)) return { action: "refuse", reason: `event is ${event.status}` };
    if (event.status === "live" && event.liveSource === "studio") {
      return { action: "refuse", reason: "program source conflict: the show is live from the studio; end it there before streaming from an encoder", conflict: true };
    }
    const { opensAt, closesAt } = goLiveWindow(event, request.goLiveEarlyMs ?? DEFAULT_GO_LIVE_EARLY_MS);
    if (event.status !== "live" && (request.now < opensAt || request.now > closesAt)) {
      return { action: "refuse", reason: `outside the go-live window ${opensAt.toISOString()} to ${closesAt.toISOString()}` };
    }
    return { action: "rename", eventId: event.id, streamName: event.id, opensShow: event.status !== "live" };
  }
  return { action: "refuse", reason: request.secretMatches ? "no such event" : "bad secret or stream key" };
}
