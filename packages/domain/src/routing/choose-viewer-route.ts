/**
 * Viewer routing: WebRTC while the show's media server has room, HLS from the
 * least-loaded healthy edge past that. Pure rule, no I/O.
 *
 * - Hosts and admins always get WebRTC (few, and they need the real-time view).
 * - A viewer who already watches keeps their path (`currentMode`): an HLS
 *   viewer renewing its URL stays on HLS even when WebRTC slots were freed, so
 *   freed slots go to newcomers and nobody is bounced between players. An HLS
 *   viewer whose edges all went away falls back to WebRTC.
 * - A show whose media service has no WebRTC program (fed from an encoder
 *   such as OBS, or not started yet while the media side is known) goes to
 *   HLS when an edge is ready, whatever the threshold.
 * - A newcomer gets WebRTC while `webrtcViewers < threshold`; otherwise HLS
 *   from the ready edge with the fewest viewers (ties: lowest id). When the
 *   WebRTC count is unknown (media stats unreachable), HLS is preferred if an
 *   edge is ready. With no ready edge the viewer still gets WebRTC rather than
 *   nothing (the media server enforces its own hard cap).
 */

/** The path a viewer watches on. */
export type ViewerMode = "webrtc" | "hls";

/** An edge as the routing rule sees it (Prisma `Edge` row subset). */
export interface EdgeCandidate {
  id: string;
  /** "creating" | "booting" | "ready" | "draining" | ... ; only "ready" edges take viewers. */
  status: string;
  /** Public base URL, e.g. https://edge-3.example.com; edges without one are skipped. */
  baseUrl: string | null;
  /** Viewers the edge reported last. */
  viewers: number;
}

/** Inputs of chooseViewerRoute. */
export interface ViewerRouteInput {
  role: "viewer" | "host" | "admin";
  /** The viewer's current path when renewing or reconnecting; null/undefined for a newcomer. */
  currentMode?: ViewerMode | null;
  /** WebRTC viewers of the show now; null when unknown. */
  webrtcViewers: number | null;
  /**
   * False when the media service reports no live WebRTC program for the show (no Kurento graph: the show is
   * fed from an encoder, or nobody went live from the studio yet); true or absent when it has one or cannot tell.
   */
  webrtcProgram?: boolean;
  /** WebRTC viewer threshold (≥ 0). */
  threshold: number;
  edges: readonly EdgeCandidate[];
  /** How many alternative edges to return for failover; default 2. */
  maxAlternatives?: number;
}

/** A ready edge with its base URL known. */
export type ReadyEdge = EdgeCandidate & { baseUrl: string };

/** The decision: WebRTC, or HLS on `edge` with failover `alternatives` (least loaded first). */
export type ViewerRoute = { mode: "webrtc" } | { mode: "hls"; edge: ReadyEdge; alternatives: ReadyEdge[] };

/** Ready edges sorted by viewers ascending, then id. */
export function readyEdgesByLoad(edges: readonly EdgeCandidate[]): ReadyEdge[] {
  return edges
    .filter((e): e is ReadyEdge => e.status === "ready" && typeof e.baseUrl === "string" && e.baseUrl.length > 0)
    .sort((a, b) => a.viewers - b.viewers || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Decides the viewer's path (rules in the file header). */
export function chooseViewerRoute(input: ViewerRouteInput): ViewerRoute {
  if (input.role !== "viewer") return { mode: "webrtc" };
  const ready = readyEdgesByLoad(input.edges);
  const [best, ...rest] = ready;
  const hls = (): ViewerRoute => (best ? { mode: "hls", edge: best, alternatives: rest.slice(0, input.maxAlternatives ?? 2) } : { mode: "webrtc" });
  if (input.currentMode === "hls") return hls();
  if (input.currentMode === "webrtc") return { mode: "webrtc" };
  if (input.webrtcViewers === null || input.webrtcProgram === false) return hls();
  return input.webrtcViewers < input.threshold ? { mode: "webrtc" } : hls();
}
