/**
 * The renditions ladder the origin packages for every show: each rendition is
 * one nginx-rtmp stream `<streamId>_<name>` in the `hls` application and one
 * `hls_variant` line of the master playlist `<streamId>.m3u8`
 * (https://github.com/arut/nginx-rtmp-module/wiki/Directives#hls_variant).
 */

/** One rendition of the ladder. */
export interface Rendition {
  /** Suffix of the variant stream (`<streamId>_<name>`), [A-Za-z0-9]{1,16}. */
  name: string;
  /** Output height in pixels; absent = pass the source through untouched (no transcode). */
  height?: number;
  /** Video bitrate in kbps (for a pass-through: the expected source bitrate, used for BANDWIDTH). */
  videoKbps: number;
  /** Audio bitrate in kbps. */
  audioKbps: number;
}

/** Default ladder: source pass-through plus 480p and 360p. */
export const DEFAULT_RENDITIONS: readonly Rendition[] = [
  { name: "src", videoKbps: 2500, audioKbps: 128 },
  { name: "480p", height: 480, videoKbps: 1200, audioKbps: 96 },
  { name: "360p", height: 360, videoKbps: 700, audioKbps: 64 },
];

/**
 * Parses a ladder from JSON (an array of Rendition) or a compact list like
 * "src,480p:1200,360p:700" (`<name>` = pass-through; `<height>p:<videoKbps>`).
 * Throws an Error with the reason on bad input.
 */
export function parseRenditions(text: string): Rendition[] {
  const trimmed = text.trim();
  const list: Rendition[] = trimmed.startsWith("[")
    ? (JSON.parse(trimmed) as Rendition[])
    : trimmed.split(",").map((item) => {
        const [name = "", kbps] = item.trim().split(":");
        const height = /^(\d+)p$/.exec(name);
        if (!height) return { name, videoKbps: kbps ? Number(kbps) : 2500, audioKbps: 128 };
        return { name, height: Number(height[1]), videoKbps: Number(kbps ?? 1000), audioKbps: Number(height[1]) >= 480 ? 96 : 64 };
      });
  validateRenditions(list);
  return list;
}

/** Throws an Error unless the ladder is non-empty with unique valid names and positive numbers. */
export function validateRenditions(list: readonly Rendition[]): void {
  if (list.length === 0) throw new Error("the renditions ladder is empty");
  const seen = new Set<string>();
  for (const r of list) {
    if (!/^[A-Za-z0-9]{1,16}$/.test(r.name)) throw new Error(`bad rendition name ${JSON.stringify(r.name)}`);
    if (seen.has(r.name)) throw new Error(`duplicate rendition ${r.name}`);
    seen.add(r.name);
    if (r.height !== undefined && (!Number.isInteger(r.height) || r.height < 90 || r.height % 2 !== 0)) {
      throw new Error(`rendition ${r.name}: height must be an even integer ≥ 90`);
    }
    if (!(r.videoKbps > 0) || !(r.audioKbps > 0)) throw new Error(`rendition ${r.name}: bitrates must be positive`);
  }
}

/**
 * ffmpeg arguments (after `-i <input>`) that produce every rendition of the
 * ladder as FLV pushed to `<hlsAppUrl>/<streamId>_<name>`. `streamIdExpr` is
 * placed verbatim (the origin passes nginx-rtmp's `$name`). Transcoded
 * renditions use x264 veryfast/zerolatency with a keyframe every
 * `keyframeSeconds` (nginx-rtmp cuts fragments on keyframes).
 */
export function renditionFfmpegOutputs(
  list: readonly Rendition[],
  hlsAppUrl: string,
  streamIdExpr: string,
  keyframeSeconds: number,
): string[] {
  const args: string[] = [];
  for (const r of list) {
    const target = `${hlsAppUrl}/${streamIdExpr}_${r.name}`;
    if (r.height === undefined) {
      args.push("-map", "0:v:0", "-map", "0:a:0?", "-c", "copy", "-f", "flv", target);
      continue;
    }
    args.push(
      "-map", "0:v:0", "-map", "0:a:0?",
      "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-profile:v", "main", "-pix_fmt", "yuv420p",
      "-vf", `scale=-2:${r.height}`,
      "-b:v", `${r.videoKbps}k`, "-maxrate", `${r.videoKbps}k`, "-bufsize", `${r.videoKbps * 2}k`,
      "-force_key_frames", `expr:gte(t,n_forced*${keyframeSeconds})`, "-sc_threshold", "0",
      "-c:a", "aac", "-b:a", `${r.audioKbps}k`, "-ar", "44100",
      "-f", "flv", target,
    );
  }
  return args;
}

/** BANDWIDTH (bits/s) and RESOLUTION attributes of a rendition's `hls_variant` line. */
export function variantAttributes(r: Rendition): string {
  const bandwidth = (r.videoKbps + r.audioKbps) * 1000;
  return r.height === undefined ? `BANDWIDTH=${bandwidth}` : `BANDWIDTH=${bandwidth},RESOLUTION=${Math.round((r.height * 16) / 9 / 2) * 2}x${r.height}`;
}
