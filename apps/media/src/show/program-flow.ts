/**
 * Is the program moving? Kurento reports media leaving an element with
 * MediaFlowOutStateChanged {state: FLOWING | NOT_FLOWING, mediaType, padName}
 * (https://doc-kurento.readthedocs.io/en/latest/features/events.html). The
 * program HubPort feeds every WebRTC viewer and the RTP bridge to the origin,
 * so video not flowing out of it for PROGRAM_FROZEN_MS while the show has a
 * source (a connected host or a playing video) means viewers see a frozen picture.
 */
import { type Logger } from "pino";
import { type LiveState } from "./show-state";

/**
 * Subscribes to the program HubPort's video flow: FLOWING clears
 * `live.programStillSince`, NOT_FLOWING sets it (if unset). Best-effort: a
 * refused subscription is logged and the program is then never reported frozen.
 */
export async function watchProgramFlow(live: LiveState, log: Logger): Promise<void> {
  const { server, programPort } = live.graph;
  await server
    .subscribe(programPort, "MediaFlowOutStateChanged", (event) => {
      if (event.data.mediaType !== undefined && event.data.mediaType !== "VIDEO") return;
      if (event.data.state === "FLOWING") live.programStillSince = null;
      else live.programStillSince ??= Date.now();
    })
    .catch((error: unknown) => {
      // Unknown is not frozen: without the events this show is never reported.
      live.programStillSince = null;
      log.warn({ err: error }, "could not watch the program's media flow; a frozen program will not be reported");
    });
}

/**
 * Since when (ms since epoch) the program of `live` has been frozen at `now`
 * (ms since epoch): its video has not flowed out for at least `frozenMs` (ms)
 * while a host is connected or a video plays. Null when it is not frozen.
 */
export function programFrozenSince(live: LiveState, now: number, frozenMs: number): number | null {
  const since = live.programStillSince;
  if (since === null || now - since < frozenMs) return null;
  const { roster } = live;
  const hasSource = roster.anyHostConnected() || [...roster.videos.values()].some((v) => v.playing);
  return hasSource ? since : null;
}
