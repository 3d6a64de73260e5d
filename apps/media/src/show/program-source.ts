/**
 * One program source at a time. A show is either studio (browser hosts mixed
 * by the Kurento Composite; the media service marks the Event live with
 * liveSource "studio") or encoder (OBS publishing its stream key to the
 * origin; the web app marks the Event live and leaves liveSource empty).
 * The studio may not open a show an encoder is feeding: both would publish
 * the program to the origin under the same stream name and fight.
 */
import { AppError } from "@limelight/domain";

/**
 * Throws AppError CONFLICT when `event` is live from an encoder (status "live",
 * liveSource not "studio"). A live studio show without a graph on this node
 * (its media node restarted) may be re-opened.
 */
export function requireOneProgramSource(event: { status: string; liveSource: string | null }): void {
  if (event.status === "live" && event.liveSource !== "studio") {
    throw new AppError("CONFLICT", "This show is live from an encoder (OBS): stop the encoder and end the show before going live from the studio");
  }
}
