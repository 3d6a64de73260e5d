/**
 * Renders the origin's replay scripts (bash), written next to nginx.conf by
 * infra/nginx/cli.ts and infra/test/stack.ts:
 *
 *   - `replay-build.sh <eventId>`: run by nginx-rtmp's `exec_record_done`
 *     each time a recording of the `ingest` application is closed
 *     (https://github.com/arut/nginx-rtmp-module/wiki/Directives#exec_record_done).
 *     It rebuilds the show's replay from ALL its recorded parts
 *     `<recordings>/<eventId>-<unixSeconds>.flv` (`record_unique on`), in
 *     time order, with ffmpeg's concat demuxer
 *     (https://ffmpeg.org/ffmpeg-formats.html#concat-1) and stream copy
 *     (re-encoding to H.264/AAC at the first part's size when ffprobe finds
 *     parts with other codecs or sizes, or copying fails) into an HLS VOD
 *     (https://ffmpeg.org/ffmpeg-formats.html#hls-2, RFC 8216 §4.3.3.5
 *     `#EXT-X-PLAYLIST-TYPE:VOD` and §4.3.3.4 `#EXT-X-ENDLIST`):
 *       `<replays>/<eventId>_replay/index.m3u8` and `<replays>/<eventId>_replay/<n>.ts`,
 *     served by the origin as `/hls/<eventId>_replay/...` (render-origin.ts).
 *     Replays live outside the live HLS folder because nginx-rtmp's
 *     `hls_cleanup` deletes every playlist and segment under `hls_path` a few
 *     seconds after it was written.
 *     The replay is built in a hidden temporary folder `<replays>/.<eventId>_replay.XXXXXX`
 *     (the origin's HTTP locations never match a dot), then its segments
 *     (whose numbers are new for every build: `<n>` starts at
 *     unixSeconds × 100000) are renamed into the replay folder and the playlist
 *     is renamed over the old one (rename(2) is atomic), so a viewer sees the
 *     previous replay or the new one, never a half-written one, and no cache
 *     can hold an old segment under a name the new playlist uses. Segments of
 *     the previous build stay (a player or edge may still hold its playlist);
 *     older ones are deleted. Builds of one show are serialised with flock.
 *     Output goes to `<stateDir>/logs/replay.log`.
 *   - `replay-cleanup.sh`: deletes recordings (`*.flv`) and replay folders
 *     not modified for `recordingsKeepHours` hours (`find -mmin`); run at the
 *     end of every build when `recordingsKeepHours` is set, and runnable from
 *     cron. A show being recorded is never touched: its file is written
 *     continuously.
 */
import { assertPath } from "./common";

/** Parameters of the replay scripts. Paths are absolute. */
export interface ReplayScriptParams {
  /** The origin's state folder: recordings/, replays/, logs/ live under it. */
  stateDir: string;
  /** ffmpeg binary; default "/usr/bin/ffmpeg". */
  ffmpegPath?: string;
  /** Target segment duration of the replay in seconds (integer 1–30); default 4. */
  segmentSeconds?: number;
  /**
   * Hours after their last write when recordings and replays are deleted
   * (must cover the show plus the longest `Event.replayWindowHours`);
   * absent: nothing is ever deleted automatically.
   */
  recordingsKeepHours?: number;
}

/** Where the origin keeps recordings and the replay scripts, resolved from its state folder. */
export interface ReplayPaths {
  /** nginx-rtmp `record_path`: `<stateDir>/recordings`. */
  recordingsDir: string;
  /** Replays folder: `<stateDir>/replays`, one `<eventId>_replay/` folder per show. */
  replaysDir: string;
  /** The `exec_record_done` script: `<stateDir>/replay-build.sh`. */
  buildScript: string;
  /** The retention script: `<stateDir>/replay-cleanup.sh`. */
  cleanupScript: string;
  /** The builds' log: `<stateDir>/logs/replay.log`. */
  logFile: string;
}

/** Resolves the replay file locations of an origin state folder. Throws an Error on a bad path. */
export function replayPaths(stateDir: string): ReplayPaths {
  assertPath("stateDir", stateDir);
  return {
    recordingsDir: `${stateDir}/recordings`,
    replaysDir: `${stateDir}/replays`,
    buildScript: `${stateDir}/replay-build.sh`,
    cleanupScript: `${stateDir}/replay-cleanup.sh`,
    logFile: `${stateDir}/logs/replay.log`,
  };
}

function checkParams(p: ReplayScriptParams): { segment: number; ffmpeg: string } {
  const segment = p.segmentSeconds ?? 4;
  if (!Number.isInteger(segment) || segment < 1 || segment > 30) throw new Error(`segmentSeconds must be an integer from 1 to 30, got ${segment}`);
  const ffmpeg = p.ffmpegPath ?? "/usr/bin/ffmpeg";
  assertPath("ffmpegPath", ffmpeg);
  const keep = p.recordingsKeepHours;
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) throw new Error(`recordingsKeepHours must be a positive integer, got ${keep}`);
  return { segment, ffmpeg };
}

/**
 * Renders `replay-build.sh` (see the file header). Exit status: 0 built (or
 * nothing to build), 1 ffmpeg failed (the previous replay stays), 2 bad
 * argument. Throws an Error on invalid parameters.
 */
export function renderReplayBuildScript(p: ReplayScriptParams): string {
  const { segment, ffmpeg } = checkParams(p);
  const paths = replayPaths(p.stateDir);
  const ffprobe = ffmpeg.replace(/ffmpeg$/, "ffprobe");
  return `#!/usr/bin/env bash
# Limelight origin replay builder, rendered by infra/nginx/render-replay-script.ts. Do not edit by hand.
# Usage: replay-build.sh <eventId>   (nginx-rtmp exec_record_done passes $name)
set -u
export LC_ALL=C
name=\${1:-}
rec=${paths.recordingsDir}
replays=${paths.replaysDir}
exec >>${paths.logFile} 2>&1
if ! [[ "$name" =~ ^[A-Za-z0-9]{1,64}$ ]]; then echo "$(date -u +%FT%TZ) replay: bad stream name '$name'"; exit 2; fi
exec 9>"$rec/.$name.lock"
flock 9
shopt -s nullglob
parts=()
for f in "$rec/$name"-*.flv; do
  if [[ "\${f##*/}" =~ ^$name-[0-9]+\\.flv$ ]] && [ -s "$f" ]; then parts+=("$f"); fi
done
if [ \${#parts[@]} -eq 0 ]; then exit 0; fi
tmp=$(mktemp -d "$replays/.\${name}_replay.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
for f in "\${parts[@]}"; do printf "file '%s'\\n" "$f"; done > "$tmp/parts.txt"
out="$replays/\${name}_replay"
start=$(( $(date +%s) * 100000 ))
old=$(sed -n 's/^#EXT-X-MEDIA-SEQUENCE://p' "$out/index.m3u8" 2>/dev/null | head -n 1)
if [[ "$old" =~ ^[0-9]+$ ]] && (( old >= start )); then start=$(( old + 100000 )); fi
hls_out=(-f hls -hls_time ${segment} -hls_list_size 0 -hls_playlist_type vod -start_number "$start"
  -hls_segment_filename "$tmp/%d.ts" "$tmp/index.m3u8")
input=(-hide_banner -loglevel error -y -f concat -safe 0 -i "$tmp/parts.txt" -map "0:v:0?" -map "0:a:0?")
# stream copy needs every part to carry the same codecs and sizes (a performer may reconnect with other settings)
probe=${ffprobe}
copy=1
size=
if [ -x "$probe" ]; then
  kinds=$(for f in "\${parts[@]}"; do
    "$probe" -v error -show_entries stream=codec_name,width,height,sample_rate,channels -of csv=p=0 "$f" | sort | tr '\\n' ' '; echo
  done | sort -u | wc -l)
  if [ "$kinds" -gt 1 ]; then copy=0; fi
  # "WxH": ffprobe 5.1 (Debian 12) refuses an empty or ":" csv separator (s=:), so the size is read with s=x
  size=$("$probe" -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x "\${parts[0]}" || true)
fi
if [ "$copy" = 1 ] && ${ffmpeg} "\${input[@]}" -c copy "\${hls_out[@]}"; then
  mode=copy
else
  echo "$(date -u +%FT%TZ) replay $name: parts differ or stream copy failed, re-encoding"
  rm -f "$tmp"/*.ts "$tmp/index.m3u8"
  scale=()
  if [[ "$size" =~ ^([0-9]+)x([0-9]+)$ ]]; then scale=(-vf "scale=\${BASH_REMATCH[1]}:\${BASH_REMATCH[2]},setsar=1"); fi
  if ! ${ffmpeg} "\${input[@]}" "\${scale[@]}" -c:v libx264 -preset veryfast -pix_fmt yuv420p \\
      -force_key_frames "expr:gte(t,n_forced*${segment})" -c:a aac -b:a 128k -ar 48000 -ac 2 "\${hls_out[@]}"; then
    echo "$(date -u +%FT%TZ) replay $name: ffmpeg failed, previous replay kept"
    exit 1
  fi
  mode=re-encoded
fi
mkdir -p "$out"
touch "$tmp/previous.m3u8"
if [ -f "$out/index.m3u8" ]; then cp "$out/index.m3u8" "$tmp/previous.m3u8"; fi
for f in "$tmp"/*.ts; do mv -f "$f" "$out/"; done
mv -f "$tmp/index.m3u8" "$out/index.m3u8"
for f in "$out"/*.ts; do
  b=\${f##*/}
  grep -qxF "$b" "$out/index.m3u8" || grep -qxF "$b" "$tmp/previous.m3u8" || rm -f "$f"
done
echo "$(date -u +%FT%TZ) replay $name: built from \${#parts[@]} part(s) ($mode), first segment $start"
${p.recordingsKeepHours !== undefined ? `bash ${paths.cleanupScript}\n` : ""}exit 0
`;
}

/**
 * Renders `replay-cleanup.sh` (see the file header): deletes recordings and
 * replay folders older than `recordingsKeepHours` (default 72 when absent, so
 * the script is safe to run by hand). Throws an Error on invalid parameters.
 */
export function renderReplayCleanupScript(p: ReplayScriptParams): string {
  checkParams(p);
  const paths = replayPaths(p.stateDir);
  const minutes = (p.recordingsKeepHours ?? 72) * 60;
  return `#!/usr/bin/env bash
# Limelight origin recordings retention, rendered by infra/nginx/render-replay-script.ts. Do not edit by hand.
# Deletes recordings and replays not written for ${minutes / 60} h (find -mmin +${minutes}).
set -u
find ${paths.recordingsDir} -maxdepth 1 -type f -name '*.flv' -mmin +${minutes} -delete
find ${paths.recordingsDir} -maxdepth 1 -type f -name '.*.lock' -mmin +${minutes} -delete
find ${paths.replaysDir} -mindepth 1 -maxdepth 1 -type d -name '*_replay' -mmin +${minutes} -exec rm -rf {} +
find ${paths.replaysDir} -mindepth 1 -maxdepth 1 -type d -name '.*_replay.*' -mmin +${minutes} -exec rm -rf {} +
exit 0
`;
}
