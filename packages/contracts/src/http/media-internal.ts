/**
 * apps/media's internal HTTP endpoints (header `x-internal-secret`), asked by
 * apps/web's routing (HttpMediaStats) and by the autoscaler:
 *   GET /internal/shows/:eventId/stats → one show's stats
 *   GET /internal/stats                → `{shows: [...]}` for every show of the node
 * Counts are of this media node only.
 */
import { z } from "zod";

/** One show's stats: `live` when the node holds its Kurento graph (a WebRTC program exists), and its counts. */
export const mediaShowStatsSchema = z.object({
  eventId: z.string(),
  live: z.boolean(),
  hosts: z.number().int().nonnegative(),
  webrtcViewers: z.number().int().nonnegative(),
  injectedVideos: z.number().int().nonnegative(),
});
/** Reply of GET /internal/shows/:eventId/stats. */
export type MediaShowStats = z.infer<typeof mediaShowStatsSchema>;

/** Reply of GET /internal/stats. */
export const mediaAllStatsSchema = z.object({ shows: z.array(mediaShowStatsSchema) });
