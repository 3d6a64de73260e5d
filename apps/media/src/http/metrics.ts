/**
 * Prometheus metrics of the media node (prom-client, its own Registry so
 * several nodes can live in one process in tests). Per-show gauges are read
 * from the ShowRegistry at scrape time.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { type ShowRegistry } from "../show/show-registry";
import { type KmsPool } from "../kurento/kms-pool";

/** Metrics of one node; `registry.metrics()` renders the text format. */
export interface MediaMetrics {
  registry: Registry;
  /** Viewer SDP answers given (count up on each successful viewer:watch). */
  viewerJoins: Counter;
  /** Connected media servers lost (hung past the watchdog timeout, restarted, or disconnected). */
  kmsLost: Counter;
}

/** Creates the registry with gauges per show (label event_id) and per KMS (label kms). */
export function createMetrics(shows: ShowRegistry, pool: KmsPool, options: { defaultMetrics?: boolean } = {}): MediaMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "limelight_media_" });
  const perShow = (name: string, help: string, pick: (s: ReturnType<ShowRegistry["stats"]>) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["event_id"],
      registers: [registry],
      collect() {
        this.reset();
        for (const s of shows.allStats()) this.set({ event_id: s.eventId }, pick(s));
      },
    });
  perShow("limelight_media_show_webrtc_viewers", "WebRTC viewers connected to a show", (s) => s.webrtcViewers);
  perShow("limelight_media_show_hosts", "Hosts live in a show", (s) => s.hosts);
  perShow("limelight_media_show_injected_videos", "Injected videos in a show", (s) => s.injectedVideos);
  new Gauge({
    name: "limelight_media_shows_live",
    help: "Live shows on this media node",
    registers: [registry],
    collect() {
      this.set(shows.all().length);
    },
  });
  new Gauge({
    name: "limelight_media_frozen_programs",
    help: "Live shows whose program has had no video flowing for PROGRAM_FROZEN_MS",
    registers: [registry],
    collect() {
      this.set(shows.frozenPrograms().length);
    },
  });
  new Gauge({
    name: "limelight_media_kms_up",
    help: "1 when the media server is connected",
    labelNames: ["kms"],
    registers: [registry],
    collect() {
      for (const k of pool.load()) this.set({ kms: k.url }, k.connected ? 1 : 0);
    },
  });
  new Gauge({
    name: "limelight_media_kms_shows",
    help: "Shows pinned to a media server",
    labelNames: ["kms"],
    registers: [registry],
    collect() {
      for (const k of pool.load()) this.set({ kms: k.url }, k.shows);
    },
  });
  const viewerJoins = new Counter({ name: "limelight_media_viewer_joins_total", help: "Viewer SDP answers given", registers: [registry] });
  const kmsLost = new Counter({ name: "limelight_media_kms_lost_total", help: "Connected media servers lost (hung, restarted or disconnected)", registers: [registry] });
  return { registry, viewerJoins, kmsLost };
}
