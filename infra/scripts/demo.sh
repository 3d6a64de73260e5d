#!/usr/bin/env bash
# `npm run demo`: runs the whole platform on this machine with embedded
# defaults and a demo show, no keys needed. Safe to repeat; Ctrl-C stops it all.
#
#   web         http://localhost:3000  (Next.js storefront, test-mode payments)
#   media       http://localhost:4000  (socket.io signalling; the studio's live composite
#               uses the Kurento Media Server at KMS_URL, e.g. ws://127.0.0.1:8888/kurento;
#               without one the studio says live composite needs Kurento)
#   origin      rtmp://localhost:1935/ingest, http://localhost:8088/hls  (nginx-rtmp)
#   edge        started by the autoscaler's Local provider (nginx on a free local port)
#   demo show:  ffmpeg publishes a clip with a burned-in clock to the origin with
#               the show's stream key, as OBS would; that opens the show, and
#               viewers watch it over HLS through the edge.
#   demo replay: once (while no replay exists yet), a 12 s test pattern is
#               published to "Last Night" and the show ended: the origin's
#               recording becomes its replay (/events/demo-last-night).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
mkdir -p .data/logs
# nginx (origin, local edges) runs unprivileged and must reach .data; the mail outbox inside stays private.
chmod 755 .data

bash infra/scripts/install-system-deps.sh
npm install --no-audit --no-fund
npm run db:generate

# One set of development secrets shared by every service of the demo.
export DATABASE_URL="file:$root/.data/limelight.db"
export ACCESS_TOKEN_SECRET="demo-access-token-secret-0123456789abcdef"
export INTERNAL_API_SECRET="demo-internal-secret-0123456789"
export EDGE_TOKEN_SECRET="demo-edge-token-secret-0123456789abcdef"
export ORIGIN_PUBLISH_SECRET="demo-publish-secret"
export AUTH_SECRET="demo-auth-secret-0123456789abcdef0123456789"
export APP_URL="http://localhost:3000"
export MEDIA_PUBLIC_URL="http://localhost:4000" MEDIA_INTERNAL_URL="http://127.0.0.1:4000"
export ORIGIN_RTMP_URL="rtmp://127.0.0.1:1935/ingest" RTMP_INGEST_URL="rtmp://localhost:1935/ingest"
export EDGE_ORIGIN="127.0.0.1:8088"
export LOCAL_EDGES_DIR="$root/.data/autoscaler-edges"
export MEDIA_FOLDER="$root/.data/media" PROGRAM_SDP_DIR="$root/.data/media-sdp"
export STUN_URLS=""
mkdir -p "$MEDIA_FOLDER"

npx prisma migrate deploy --config prisma/sqlite/prisma.config.ts
npx tsx packages/db/src/seed/demo.ts "$DATABASE_URL" | tee .data/logs/seed.log

(cd apps/web && npx next build)

pids=()
cleanup() {
  echo "Stopping the demo..."
  # Each service runs in its own process group (setsid): stop the whole group.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash infra/scripts/origin-stop.sh >/dev/null 2>&1 || true
  # Edges the Local provider started (the autoscaler leaves them serving when it stops).
  for dir in "$LOCAL_EDGES_DIR"/*/; do
    [ -f "$dir/nginx.conf" ] && EDGE_STATE_DIR="$dir" bash infra/scripts/edge-stop.sh >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
trap "exit 130" INT TERM

start() { # name command...
  local name=$1; shift
  setsid "$@" > ".data/logs/$name.log" 2>&1 &
  pids+=($!)
  echo "started $name (log: .data/logs/$name.log)"
}

# KMS_URL (or a comma-separated KMS_URLS): Kurento for the studio's live composite. Empty: none.
export KMS_URLS="${KMS_URLS:-${KMS_URL:-}}"
# `next start` runs with NODE_ENV=production: LOCAL_ONLY=true keeps the demo's development secrets
# accepted while every public URL is on this machine (see packages/config).
LOCAL_ONLY=true ORIGIN_STAT_URL="http://127.0.0.1:8088/rtmp-stat" start web bash -c "cd apps/web && exec npx next start -p 3000"
ORIGIN_ON_PUBLISH_URL="http://127.0.0.1:3000/api/rtmp/on-publish" ORIGIN_ON_PUBLISH_DONE_URL="http://127.0.0.1:3000/api/rtmp/on-publish-done" bash infra/scripts/origin-start.sh
start media npx tsx apps/media/src/main.ts
SCALING_MIN_EDGES=1 AUTOSCALER_TICK_MS=5000 start autoscaler npx tsx apps/autoscaler/src/main.ts

# event_field <slug> <id|streamKey>: a column of the demo event from the SQLite database ("" when missing).
event_field() {
  node -e '
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1], { readonly: true });
    const column = process.argv[3] === "streamKey" ? "streamKey" : "id";
    const row = db.prepare(`SELECT ${column} AS value FROM Event WHERE slug = ?`).get(process.argv[2]);
    console.log(row ? row.value : "");
  ' "$root/.data/limelight.db" "$1" "$2"
}

# The demo replay, recorded once: "Last Night" goes live for 12 s of test pattern, then ends.
source infra/scripts/nginx-common.sh
origin_dir=${ORIGIN_STATE_DIR:-$(default_state_dir origin)}
replay_id=$(event_field demo-last-night id)
if [ -n "$replay_id" ] && [ ! -f "$origin_dir/replays/${replay_id}_replay/index.m3u8" ]; then
  echo "recording the demo replay (12 s)..."
  npx tsx packages/db/src/seed/set-event-status.ts "$DATABASE_URL" demo-last-night live
  ffmpeg -hide_banner -loglevel error -re \
    -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi -i "sine=frequency=330:sample_rate=48000" \
    -vf "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:text='Limelight replay %{pts\\:hms}':x=40:y=40:fontsize=48:fontcolor=white:box=1:boxcolor=black@0.6" \
    -c:v libx264 -preset veryfast -g 30 -keyint_min 30 -sc_threshold 0 -b:v 1500k \
    -c:a aac -b:a 128k -t 12 -f flv "$ORIGIN_RTMP_URL/$replay_id?secret=$ORIGIN_PUBLISH_SECRET" >> .data/logs/demo-replay.log 2>&1 || echo "demo replay: ffmpeg failed (see .data/logs/demo-replay.log)"
  npx tsx packages/db/src/seed/set-event-status.ts "$DATABASE_URL" demo-last-night ended
fi

# The demo show's encoder: a clip with a burned-in clock, published with the show's stream key exactly
# as OBS would (RTMP to the ingest, stream key as the stream name). The origin's on_publish opens the show.
live_id=$(event_field demo-live-now id)
live_key=$(event_field demo-live-now streamKey)
node -e "(async () => { for (let i = 0; i < 60; i++) { try { if ((await fetch(\"http://127.0.0.1:3000/api/health\")).ok) return; } catch {} await new Promise(r => setTimeout(r, 1000)); } })()"
# Like OBS's automatic reconnect, the encoder retries when its connection drops.
encoder() {
  until ffmpeg -hide_banner -loglevel error -re \
    -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
    -vf "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:text='Limelight demo %{localtime\\:%T}':x=40:y=40:fontsize=48:fontcolor=white:box=1:boxcolor=black@0.6" \
    -c:v libx264 -preset veryfast -tune zerolatency -g 30 -keyint_min 30 -sc_threshold 0 -b:v 1200k \
    -c:a aac -b:a 128k -f flv "$ORIGIN_RTMP_URL/$live_key"; do sleep 3; done
}
if [ -n "$live_key" ]; then
  export -f encoder
  export live_key
  start demo-encoder bash -c encoder
fi

composite="live composite: Kurento at $KMS_URLS"
[ -z "$KMS_URLS" ] && composite="live composite: off (set KMS_URL=ws://<kms>:8888/kurento; the studio says so, OBS streams still play over HLS)"
cat <<MSG

Limelight demo is running.
  storefront   http://localhost:3000                       (test-mode payments: no card needed)
  live show    http://localhost:3000/events/demo-live-now   watch: http://localhost:3000/watch/$live_id
  studio       http://localhost:3000/studio/$live_id   (sign in as a performer)
  admin        http://localhost:3000/admin/events           (sign in as the admin; edges: /admin/fleet)
  media        http://localhost:4000/health                 ($composite)
  origin       rtmp://localhost:1935/ingest  (OBS: server = this URL, stream key = the studio's)
               http://localhost:8088/hls/
  mail outbox  $root/.data/outbox/
  logs         $root/.data/logs/
$(cat .data/logs/seed.log)
Ctrl-C stops everything.
MSG
wait
